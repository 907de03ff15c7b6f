/**
 * Desktop notifications, decided in the core (the hosts only show them): after a refresh
 * brought entries newer than the column's newest before it, a column with notifications on
 * announces those that are not read yet and not the workspace's own posts, as one
 * `column.notify` (shared/board/notice.ts): one notification each, or one grouped past
 * NOTICE_GROUP_AFTER. The first fill of a column announces nothing (it was there before; an
 * empty column's first post is announced), and an entry is announced once: the next refresh
 * starts above it.
 */
import { NOTICE_GROUP_AFTER, type ColumnNotice, type NoticeItem } from '../../../shared/board/notice';
import type { NotificationKind } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import type { BoardRepository } from '../repositories/boards';
import type { Db } from '../store/database';
import type { StoredBody } from './cache';

interface Row {
  remote_key: string;
  kind: 'item' | 'notification';
  reason: string | null;
  body: string | null;
  author_name: string | null;
  author_handle: string | null;
  actor_name: string | null;
  actor_handle: string | null;
}

const TEXT_MAX = 140;
const cut = (text: string, max: number) => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
};
const textOf = (body: string | null): string => {
  if (!body) return '';
  try {
    return cut((JSON.parse(body) as StoredBody).text ?? '', TEXT_MAX);
  } catch {
    return '';
  }
};
const nameOf = (name: string | null, handle: string | null) => cut(name?.trim() || (handle ? `@${handle}` : ''), 100);

export class ColumnNotifier {
  private readonly s;

  constructor(
    db: Db,
    private readonly boards: BoardRepository,
    private readonly emit: (notice: ColumnNotice) => void,
  ) {
    const fresh = `FROM column_entries e
      JOIN board_columns c ON c.id = e.column_id
      LEFT JOIN items i ON i.id = e.item_id
      LEFT JOIN actors a ON a.id = i.author_id
      LEFT JOIN actors r ON r.id = e.actor_id
      WHERE e.column_id = @columnId AND e.kind != 'gap' AND e.sort_key > @since AND e.sort_key > coalesce(c.read_key, '')
        AND NOT EXISTS (SELECT 1 FROM accounts o WHERE o.workspace_id = c.workspace_id AND o.removed_at IS NULL
          AND o.network = coalesce(r.network, a.network) AND o.remote_id = coalesce(r.remote_id, a.remote_id))`;
    this.s = {
      count: db.prepare<{ columnId: string; since: string }, { n: number }>(`SELECT count(*) AS n ${fresh}`),
      newest: db.prepare<{ columnId: string; since: string; limit: number }, Row>(
        `SELECT e.remote_key, e.kind, e.reason, i.body, a.display_name AS author_name, a.handle AS author_handle,
           r.display_name AS actor_name, r.handle AS actor_handle
         ${fresh} ORDER BY e.sort_key DESC LIMIT @limit`,
      ),
      account: db.prepare<[string], { handle: string; network: Network }>('SELECT handle, network FROM accounts WHERE id = ?'),
    };
  }

  /**
   * After a refresh of a column: announces its entries above `since`, the column's newest sort
   * key before the refresh ('' for a column that was empty after a refresh; null for its first
   * fill: nothing is announced).
   */
  afterRefresh(columnId: string, since: string | null): ColumnNotice | null {
    if (since === null) return null;
    const column = this.boards.column(columnId);
    if (!column || column.notify !== 1 || !column.account_id) return null;
    const account = this.s.account.get(column.account_id);
    if (!account) return null;
    const count = this.s.count.get({ columnId, since })?.n ?? 0;
    if (count === 0) return null;
    const grouped = count > NOTICE_GROUP_AFTER;
    const rows = this.s.newest.all({ columnId, since, limit: grouped ? 1 : NOTICE_GROUP_AFTER });
    const items: NoticeItem[] = rows.map((r) => {
      const notification = r.kind === 'notification';
      return {
        key: r.remote_key,
        author: notification ? nameOf(r.actor_name, r.actor_handle) : nameOf(r.author_name, r.author_handle),
        reason: notification ? ((r.reason as NotificationKind | null) ?? null) : null,
        text: textOf(r.body),
      };
    });
    const notice: ColumnNotice = {
      workspaceId: column.workspace_id,
      boardId: column.board_id,
      columnId,
      columnType: column.type,
      accountId: column.account_id,
      accountHandle: account.handle,
      network: account.network,
      count,
      grouped,
      items: grouped ? [] : items,
      focusKey: rows[0]!.remote_key,
    };
    this.emit(notice);
    return notice;
  }
}
