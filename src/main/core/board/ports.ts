/** What the board's handlers need from the streams module (refreshing, gaps, actions, threads). */
import type { ActResult, ColumnEntry, ColumnQuery, ColumnStatus, ColumnType, ItemAction, ThreadView, ConversationView } from '../../../shared/board/schemas';
import type { z } from 'zod';

export interface StreamsPort {
  /** Refreshes a column now (within its account's budget); resolves with its status afterwards. */
  refresh(columnId: string): Promise<ColumnStatus>;
  fillGap(columnId: string, gapId: string): Promise<ColumnStatus>;
  /** The person scrolled past the cache: read an older page in the background (column.changed follows). */
  loadOlder(columnId: string): void;
  /** The read position moved: tell the server where it keeps one (markers, updateSeen). */
  syncReadPosition(columnId: string): void;
  preview(accountId: string, type: ColumnType, query: ColumnQuery, workspaceId: string): Promise<ColumnEntry[]>;
  act(itemId: string, asAccountId: string, action: ItemAction, workspaceId: string): Promise<z.output<typeof ActResult>>;
  thread(itemId: string, asAccountId: string, workspaceId: string): Promise<ThreadView>;
  /** A post this account published (its network URI / id) as a board item id, read with its thread. */
  itemOfRemote(accountId: string, target: { uri: string; remoteId: string | null }): Promise<string>;
  /** Answers a direct message in its conversation (Bluesky chat). */
  sendMessage(itemId: string, asAccountId: string, text: string): Promise<void>;
  /** A direct conversation's messages, older than `before` (Bluesky chat); the first page marks it read. */
  conversation(itemId: string, asAccountId: string, workspaceId: string, before: string | null): Promise<ConversationView>;
  /** A column was added, changed or removed: poll plans change. */
  columnsChanged(): void;
  /** Whether a live stream feeds this column. */
  streaming(columnId: string): boolean;
}
