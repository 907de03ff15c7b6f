/**
 * The board's part of the contract (spread into contract.ts): boards and their columns, a
 * column's entries from the cache, refresh and gaps, read positions, unread counts, actions on
 * items and threads. The renderer paints from the cache (`column.page`) and repaints on
 * `column.changed`; the core refreshes in the background.
 */
import { z } from 'zod';
import { Id } from '../domain';
import {
  ActResult,
  Board,
  BoardName,
  BoardRetention,
  BoardUnread,
  BoardUnreadAll,
  Column,
  ColumnEntry,
  ColumnPage,
  ColumnQuery,
  ColumnStatus,
  ColumnType,
  ColumnWidth,
  ItemAction,
  ThreadView,
  ConversationView,
} from './schemas';
import { ColumnNotice, NoticeTarget } from './notice';

const Done = z.object({ done: z.literal(true) });
const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
/** An opaque position in a column (from ColumnEntry.cursor). */
const Cursor = z.string().min(1).max(200);

export const boardCommands = {
  /** The workspace's boards with their columns, in order. A workspace without one gets "Accueil" (Drafts, Scheduled, Sent). */
  'board.list': command(z.object({ workspaceId: Id }).strict(), z.array(Board)),
  /** Creates (new id) or renames/moves a board. */
  'board.save': command(z.object({ id: Id.optional(), workspaceId: Id, name: BoardName, position: z.number().int().nonnegative().optional() }).strict(), Board),
  /** A workspace keeps at least one board (board_last_one). */
  'board.delete': command(z.object({ id: Id }).strict(), Done),
  /** Unread counts per column and for the workspace (the rail's badge). */
  'board.unread': command(z.object({ workspaceId: Id }).strict(), BoardUnread),
  /** Unread counts of every workspace's network columns (the rail's badge per workspace). */
  'board.unreadAll': command(z.object({}).strict(), BoardUnreadAll),
  'board.getRetention': command(z.object({}).strict(), BoardRetention),
  'board.setRetention': command(BoardRetention.partial().strict(), BoardRetention),

  /** Adds a column at `position` (default: the end); network columns need an account of the board's workspace. */
  'column.add': command(
    z
      .object({
        id: Id.optional(),
        boardId: Id,
        type: ColumnType,
        accountId: Id.nullable().optional(),
        query: ColumnQuery.optional(),
        width: ColumnWidth.optional(),
        notify: z.boolean().optional(),
        position: z.number().int().nonnegative().optional(),
      })
      .strict(),
    Column,
  ),
  'column.remove': command(z.object({ columnId: Id }).strict(), Done),
  /** Moves a column to `position` (0-based) in its board, or in another board of the same workspace. Answers the board(s) touched. */
  'column.move': command(z.object({ columnId: Id, position: z.number().int().nonnegative(), boardId: Id.optional() }).strict(), z.array(Board)),
  'column.update': command(
    z
      .object({ columnId: Id, accountId: Id.optional(), query: ColumnQuery.optional(), width: ColumnWidth.optional(), notify: z.boolean().optional() })
      .strict(),
    Column,
  ),
  /** Entries from the cache, newest first; `before` (a cursor) pages towards older ones. Never waits for the network. */
  'column.page': command(
    z.object({ columnId: Id, before: Cursor.optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    ColumnPage,
  ),
  /** Asks the network now (within the account's request budget); answers the status once the refresh is done or refused. */
  'column.refresh': command(z.object({ columnId: Id }).strict(), ColumnStatus),
  /** Loads the items missing at a gap row. */
  'column.fillGap': command(z.object({ columnId: Id, gapId: Id }).strict(), ColumnStatus),
  /** Marks read up to `cursor` (default: the newest entry); syncs Mastodon markers / Bluesky updateSeen where it applies. */
  'column.markRead': command(z.object({ columnId: Id, cursor: Cursor.optional() }).strict(), z.object({ unread: z.number().int().nonnegative() })),
  /** The picker's live preview: what a column would show, read from the network, stored nowhere. */
  'column.preview': command(
    z.object({ workspaceId: Id, type: ColumnType, accountId: Id, query: ColumnQuery.optional() }).strict(),
    z.object({ entries: z.array(ColumnEntry) }),
  ),

  /** Acts on an item as one of the workspace's accounts; the item changes at once and rolls back if the network refuses. */
  'item.act': command(z.object({ itemId: Id, asAccountId: Id, action: ItemAction }).strict(), ActResult),
  /** A post Tribune published (a Sent card's target) as a board item, to open in the thread panel as the account that published it. */
  'item.ofSentPost': command(z.object({ targetId: Id }).strict(), z.object({ itemId: Id, asAccountId: Id })),
  /** The conversation around an item, from the network (or the cache when offline). */
  'item.thread': command(z.object({ itemId: Id, asAccountId: Id }).strict(), ThreadView),
  /** Answers a direct message (an item of a Bluesky Direct messages column) in its conversation. */
  'item.sendMessage': command(z.object({ itemId: Id, asAccountId: Id, text: z.string().trim().min(1).max(1000) }).strict(), Done),
  /** A direct conversation's messages (a Bluesky Direct messages item), a page older than `before`; the first page marks it read. */
  'item.conversation': command(z.object({ itemId: Id, asAccountId: Id, before: z.string().max(500).optional() }).strict(), ConversationView),
} as const;

export const boardEvents = {
  /** Boards or columns of this workspace were added, removed, moved or changed. */
  'board.changed': z.object({ workspaceId: Id }),
  /** A column has new entries (newCount) or a new status: repaint it from the cache. */
  'column.changed': z.object({ columnId: Id, workspaceId: Id, newCount: z.number().int().nonnegative(), unread: z.number().int().nonnegative(), status: ColumnStatus }),
  /** Items changed in place (an action's optimistic state, a rollback, counts, deletion). */
  'items.changed': z.object({ workspaceId: Id, itemIds: z.array(Id) }),
  /** New items nobody has seen in a column with notifications on (notice.ts): the hosts show a desktop notification. */
  'column.notify': ColumnNotice,
  /** Sent by the desktop shell, never by the core: a notification was clicked, show this entry. */
  'board.focus': NoticeTarget,
} as const;
