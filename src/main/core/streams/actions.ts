/**
 * The board's durable action queue. An action changes the item at once (optimistic), is stored
 * with what to restore, and goes to the network exactly once: Bluesky records are written under
 * a key chosen when the person acted (a retry finds the record), Mastodon's actions are
 * idempotent. Offline or throttled, it waits and goes when the network is back; refused, the
 * item goes back as it was and the person reads why (action_refused).
 */
import { randomUUID } from 'node:crypto';
import type { ItemAction } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { ReadError, type Reader } from '../connectors/reader';
import type { Db } from '../store/database';
import { backoff } from './status';

export interface ViewFlags {
  liked: number;
  reposted: number;
  bookmarked: number;
  following_author: number | null;
  like_ref: string | null;
  repost_ref: string | null;
  follow_ref: string | null;
  deleted: number;
}

interface ActionRow {
  id: string;
  account_id: string;
  item_id: string;
  action: ItemAction;
  rkey: string | null;
  attempts: number;
  before: string;
}

const OPPOSITE: Partial<Record<ItemAction, ItemAction>> = { like: 'unlike', unlike: 'like', repost: 'unrepost', unrepost: 'repost', bookmark: 'unbookmark', unbookmark: 'bookmark', follow: 'unfollow', unfollow: 'follow' };

/** What the item looks like once the action is done. */
export function optimistic(v: ViewFlags, action: ItemAction): ViewFlags {
  const on = (flag: boolean) => (flag ? 1 : 0);
  switch (action) {
    case 'like':
    case 'unlike':
      return { ...v, liked: on(action === 'like') };
    case 'repost':
    case 'unrepost':
      return { ...v, reposted: on(action === 'repost') };
    case 'bookmark':
    case 'unbookmark':
      return { ...v, bookmarked: on(action === 'bookmark') };
    case 'follow':
    case 'unfollow':
      return { ...v, following_author: on(action === 'follow') };
    case 'delete':
      return { ...v, deleted: 1 };
  }
}

export interface ActionDeps {
  db: Db;
  now: () => number;
  readerFor(accountId: string): Reader | null;
  networkOf(accountId: string): Network | null;
  /** A Bluesky record key (TID) chosen now; null for networks that need none. */
  keyFor(network: Network): string | null;
  itemsChanged(itemIds: string[]): void;
}

export class ActionQueue {
  private draining: Promise<void> | null = null;

  constructor(private readonly d: ActionDeps) {
    // After a crash, an action that was being sent goes again (same key: found, not doubled).
    d.db.prepare("UPDATE board_actions SET state = 'pending' WHERE state = 'sending'").run();
  }

  private flags(itemId: string, accountId: string): ViewFlags {
    const row = this.d.db
      .prepare<[string, string], ViewFlags>(
        `SELECT coalesce(v.liked, 0) AS liked, coalesce(v.reposted, 0) AS reposted, coalesce(v.bookmarked, 0) AS bookmarked, v.following_author,
                v.like_ref, v.repost_ref, v.follow_ref, i.deleted
         FROM items i LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = ? WHERE i.id = ?`,
      )
      .get(accountId, itemId);
    if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
    return row;
  }

  private write(itemId: string, accountId: string, network: Network, f: ViewFlags): void {
    // The counts go with the heart: a like given (or taken back) is one more (or one less) at once,
    // until the network's own count comes with the next read.
    const was = this.flags(itemId, accountId);
    const likes = f.liked - was.liked;
    const reposts = f.reposted - was.reposted;
    if (likes !== 0 || reposts !== 0) {
      this.d.db
        .prepare(
          `UPDATE items SET body = json_set(body,
             '$.counts.likes', max(0, coalesce(json_extract(body, '$.counts.likes'), 0) + @likes),
             '$.counts.reposts', max(0, coalesce(json_extract(body, '$.counts.reposts'), 0) + @reposts))
           WHERE id = @itemId AND json_valid(body) AND json_type(body, '$.counts') = 'object'`,
        )
        .run({ itemId, likes, reposts });
    }
    const uri = this.d.db.prepare<[string], { uri: string }>('SELECT uri FROM items WHERE id = ?').get(itemId)?.uri ?? '';
    this.d.db
      .prepare(
        `INSERT INTO item_views (item_id, account_id, remote_id, liked, reposted, bookmarked, following_author, like_ref, repost_ref, follow_ref)
         VALUES (@itemId, @accountId, @remoteId, @liked, @reposted, @bookmarked, @following_author, @like_ref, @repost_ref, @follow_ref)
         ON CONFLICT (item_id, account_id) DO UPDATE SET liked = excluded.liked, reposted = excluded.reposted, bookmarked = excluded.bookmarked,
           following_author = excluded.following_author, like_ref = excluded.like_ref, repost_ref = excluded.repost_ref, follow_ref = excluded.follow_ref`,
      )
      .run({ itemId, accountId, remoteId: network === 'bluesky' ? uri : '', ...f });
    this.d.db.prepare('UPDATE items SET deleted = ? WHERE id = ?').run(f.deleted, itemId);
  }

  /** Records the action and its optimistic state; the caller then drains. */
  enqueue(itemId: string, accountId: string, action: ItemAction): { actionId: string; cancelled: boolean } {
    const network = this.d.networkOf(accountId);
    if (!network) throw new AppFailure('account_not_found', 'This account is no longer connected.');
    return this.d.db.transaction(() => {
      const current = this.flags(itemId, accountId);
      const opposite = OPPOSITE[action];
      const pending = opposite
        ? this.d.db.prepare<[string, string, string], ActionRow>("SELECT * FROM board_actions WHERE item_id = ? AND account_id = ? AND action = ? AND state = 'pending'").get(itemId, accountId, opposite)
        : undefined;
      if (pending) {
        // Undone before it went: neither goes, the item is as it was.
        this.write(itemId, accountId, network, JSON.parse(pending.before) as ViewFlags);
        this.d.db.prepare('DELETE FROM board_actions WHERE id = ?').run(pending.id);
        return { actionId: pending.id, cancelled: true };
      }
      const id = randomUUID();
      const now = this.d.now();
      this.d.db
        .prepare(
          `INSERT INTO board_actions (id, account_id, item_id, action, rkey, state, next_at, before, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
        )
        .run(id, accountId, itemId, action, this.d.keyFor(network), now, JSON.stringify(current), now, now);
      this.write(itemId, accountId, network, optimistic(current, action));
      return { actionId: id, cancelled: false };
    })();
  }

  state(actionId: string): { state: string; error_code: string | null; error_message: string | null } | undefined {
    return this.d.db.prepare<[string], { state: string; error_code: string | null; error_message: string | null }>('SELECT state, error_code, error_message FROM board_actions WHERE id = ?').get(actionId);
  }

  pendingCount(): number {
    return this.d.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM board_actions WHERE state = 'pending'").get()!.n;
  }

  /** Sends every due action once, oldest first; passes run one after the other (an action is never sent twice at once). */
  drain(): Promise<void> {
    const pass: Promise<void> = (this.draining ?? Promise.resolve()).then(() => this.drainNow()).finally(() => {
      if (this.draining === pass) this.draining = null;
    });
    this.draining = pass;
    return pass;
  }

  private async drainNow(): Promise<void> {
    const due = this.d.db.prepare<[number], ActionRow>("SELECT * FROM board_actions WHERE state = 'pending' AND next_at <= ? ORDER BY created_at").all(this.d.now());
    const waiting = new Set<string>();
    for (const a of due) {
      if (waiting.has(a.account_id)) continue; // this account is offline or throttled: keep the order
      const outcome = await this.send(a);
      if (outcome === 'wait') waiting.add(a.account_id);
    }
  }

  private async send(a: ActionRow): Promise<'done' | 'wait' | 'failed'> {
    const reader = this.d.readerFor(a.account_id);
    const network = this.d.networkOf(a.account_id);
    if (!reader || !network) return this.fail(a, new ReadError('refused', 'This account is no longer connected.'));
    const target = this.d.db
      .prepare<[string, string], { uri: string; remote_id: string | null; cid: string | null; author: string; like_ref: string | null; repost_ref: string | null; follow_ref: string | null }>(
        `SELECT i.uri, nullif(v.remote_id, '') AS remote_id, coalesce(v.cid, (SELECT cid FROM item_views w WHERE w.item_id = i.id AND w.cid IS NOT NULL LIMIT 1)) AS cid,
                au.remote_id AS author, v.like_ref, v.repost_ref, v.follow_ref
         FROM items i JOIN actors au ON au.id = i.author_id LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = ? WHERE i.id = ?`,
      )
      .get(a.account_id, a.item_id);
    if (!target) return this.fail(a, new ReadError('not_found', 'This post is no longer in the cache.'));
    this.d.db.prepare("UPDATE board_actions SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(this.d.now(), a.id);
    try {
      const { ref } = await reader.act(a.action, { uri: target.uri, remoteId: target.remote_id, cid: target.cid, authorRemoteId: target.author, likeRef: target.like_ref, repostRef: target.repost_ref, followRef: target.follow_ref }, a.rkey ?? a.id);
      this.d.db.transaction(() => {
        const column = a.action === 'like' ? 'like_ref' : a.action === 'repost' ? 'repost_ref' : a.action === 'follow' ? 'follow_ref' : a.action.startsWith('un') ? `${a.action.slice(2)}_ref` : null;
        if (column && ['like_ref', 'repost_ref', 'follow_ref'].includes(column)) {
          this.d.db.prepare(`UPDATE item_views SET ${column} = ? WHERE item_id = ? AND account_id = ?`).run(a.action.startsWith('un') ? null : ref, a.item_id, a.account_id);
        }
        this.d.db.prepare("UPDATE board_actions SET state = 'done', updated_at = ?, error_code = NULL, error_message = NULL WHERE id = ?").run(this.d.now(), a.id);
      })();
      this.d.itemsChanged([a.item_id]);
      return 'done';
    } catch (err) {
      const read = err instanceof ReadError ? err : new ReadError('server', err instanceof Error ? err.message : String(err));
      if (a.action === 'delete' && read.kind === 'not_found') {
        this.d.db.prepare("UPDATE board_actions SET state = 'done', updated_at = ? WHERE id = ?").run(this.d.now(), a.id);
        return 'done';
      }
      if (read.kind === 'unreachable' || read.kind === 'rate_limited' || read.kind === 'server') {
        const next = read.retryAt ?? this.d.now() + backoff(a.attempts + 1);
        this.d.db.prepare("UPDATE board_actions SET state = 'pending', next_at = ?, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?").run(next, read.kind === 'rate_limited' ? 'board_rate_limited' : 'network_unreachable', read.message, this.d.now(), a.id);
        return 'wait';
      }
      return this.fail(a, read);
    }
  }

  private fail(a: ActionRow, err: ReadError): 'failed' {
    const network = this.d.networkOf(a.account_id);
    this.d.db.transaction(() => {
      if (network) this.write(a.item_id, a.account_id, network, JSON.parse(a.before) as ViewFlags);
      this.d.db.prepare("UPDATE board_actions SET state = 'failed', error_code = 'action_refused', error_message = ?, updated_at = ? WHERE id = ?").run(err.message, this.d.now(), a.id);
    })();
    this.d.itemsChanged([a.item_id]);
    return 'failed';
  }
}
