/**
 * What happens to each page the streams cache stores, inside the page's transaction: the
 * workspace's charter runs on its items (flags with the rule and the matched text), and what
 * calls for the brand (mentions, replies, quotes, direct messages, follows) enters the inbox.
 * An item the brand wrote in reply to an inbox item records the first reply (response time) and
 * marks that item done. A direct message first seen as a mention (Mastodon notifies both) becomes
 * a direct message when the conversations read it. One query per kind of write, whatever the
 * page's size.
 */
import type { CharterItem } from '../../../shared/charter/schema';
import type { InboxKind } from '../../../shared/inbox/schemas';
import { randomUUID } from 'node:crypto';
import type { CharterStore } from '../charter/store';
import type { RemoteActor, RemoteEntry, RemoteItem } from '../connectors/reader';
import type { IngestedPage } from '../streams/cache';
import type { Db } from '../store/database';

/** Spam waves compare with what arrived recently: this much per workspace. */
const RECENT_MAX = 1000;
const RECENT_MS = 24 * 60 * 60_000;

export interface IncomingDeps {
  db: Db;
  charters: CharterStore;
  /** New inbox items or flags in this workspace. */
  changed(workspaceId: string): void;
  /** A rule asked to act without asking: the moderation module does it (outside the transaction). */
  automatic?(workspaceId: string, accountId: string, itemId: string, ruleId: string, action: 'hide' | 'report'): void;
}

/** What the reader said about an author, for account rules (null: unknown). */
export const authorFacts = (a: RemoteActor): NonNullable<CharterItem['author']> => ({
  hasAvatar: a.hasAvatar ?? null,
  createdAt: a.createdAt ?? null,
  postsCount: a.postsCount ?? null,
  hasBio: a.hasBio ?? null,
});

export const charterItemOf = (id: string, item: RemoteItem): CharterItem => ({
  id,
  text: item.text,
  authorId: item.author.remoteId,
  at: item.createdAt,
  links: item.spans.flatMap((s) => (s.type === 'link' ? [s.url] : [])),
  mentions: item.spans.filter((s) => s.type === 'mention').length,
  author: authorFacts(item.author),
});

function inboxKind(columnType: string, entry: RemoteEntry): InboxKind | null {
  if (columnType === 'direct') return entry.kind === 'item' || entry.item ? 'dm' : null;
  if (columnType !== 'notifications' && columnType !== 'mentions') return null;
  if (entry.kind === 'item') return entry.item.replyTo ? 'reply' : 'mention';
  if (entry.type === 'follow') return 'follow';
  if (entry.type === 'mention') return entry.item?.replyTo ? 'reply' : 'mention';
  return entry.type === 'reply' || entry.type === 'quote' ? entry.type : null;
}

export class IncomingItems {
  private readonly recent = new Map<string, CharterItem[]>();
  private readonly s;

  constructor(private readonly d: IncomingDeps) {
    const db = d.db;
    this.s = {
      column: db.prepare<[string], { workspace_id: string; type: string }>('SELECT workspace_id, type FROM board_columns WHERE id = ?'),
      own: db.prepare<[string, string], { remote_id: string | null; handle: string }>(
        'SELECT remote_id, lower(handle) AS handle FROM accounts WHERE workspace_id = ? AND network = ? AND removed_at IS NULL',
      ),
      flag: db.prepare(
        `INSERT INTO item_flags (workspace_id, item_id, rule_id, rule_name, severity, action, matched, flagged_at)
         VALUES (@workspaceId, @itemId, @ruleId, @ruleName, @severity, @action, @matched, @now) ON CONFLICT DO NOTHING`,
      ),
      inbox: db.prepare(
        `INSERT INTO inbox_items (id, workspace_id, account_id, kind, item_id, actor_id, subject, arrived_at)
         VALUES (@id, @workspaceId, @accountId, @kind, @itemId, @actorId, @subject, @at)
         ON CONFLICT (workspace_id, account_id, subject) DO UPDATE SET kind = 'dm' WHERE excluded.kind = 'dm' AND inbox_items.kind != 'dm'`,
      ),
      replied: db.prepare(
        `UPDATE inbox_items SET first_reply_at = min(coalesce(first_reply_at, @at), @at),
           state = CASE WHEN first_reply_at IS NULL THEN 'done' ELSE state END,
           snoozed_until = CASE WHEN first_reply_at IS NULL THEN NULL ELSE snoozed_until END,
           done_at = CASE WHEN first_reply_at IS NULL THEN coalesce(done_at, @at) ELSE done_at END,
           done_by = CASE WHEN first_reply_at IS NULL THEN coalesce(done_by, 'reply') ELSE done_by END
         WHERE workspace_id = @workspaceId AND subject = @subject AND arrived_at <= @at`,
      ),
    };
  }

  /** The streams cache's ingest hook. */
  readonly onPage = (page: IngestedPage): void => {
    const column = this.s.column.get(page.columnId);
    if (!column) return;
    const ws = column.workspace_id;
    const own = this.s.own.all(ws, page.network);
    const isOwn = (a: RemoteActor) => own.some((o) => o.remote_id === a.remoteId || o.handle === a.handle.toLowerCase());
    let changed = false;

    const items = new Map<string, RemoteItem>();
    for (const e of page.entries) if (e.item && !items.has(e.item.uri)) items.set(e.item.uri, e.item);
    const engine = this.d.charters.engine(ws);
    if (engine && items.size > 0) {
      const batch = [...items.values()].filter((i) => !isOwn(i.author)).map((i) => charterItemOf(page.itemIds.get(i.uri)!, i));
      const recent = this.recent.get(ws) ?? [];
      const run = engine.evaluate(batch, page.now, recent);
      for (const f of run.flags) {
        if (this.s.flag.run({ workspaceId: ws, ...f, now: page.now }).changes === 0) continue; // flagged before: acted on before
        changed = true;
        if (f.automatic && (f.action === 'hide' || f.action === 'report')) this.d.automatic?.(ws, page.accountId, f.itemId, f.ruleId, f.action);
      }
      const kept = [...recent, ...batch].filter((i) => i.at >= page.now - RECENT_MS);
      this.recent.set(ws, kept.slice(-RECENT_MAX));
    }

    for (const e of page.entries) {
      const author = e.kind === 'notification' ? e.actor : e.item.author;
      if (e.item && isOwn(e.item.author)) {
        if (e.item.replyTo) changed = this.s.replied.run({ workspaceId: ws, subject: e.item.replyTo.uri, at: e.item.createdAt }).changes > 0 || changed;
        continue;
      }
      const kind = inboxKind(column.type, e);
      if (!kind || isOwn(author)) continue;
      const subject = kind === 'follow' ? `follow:${author.remoteId}` : e.item?.uri;
      const actorId = page.actorIds.get(author.remoteId);
      if (!subject || !actorId) continue;
      const itemId = kind === 'follow' || !e.item ? null : (page.itemIds.get(e.item.uri) ?? null);
      changed = this.s.inbox.run({ id: randomUUID(), workspaceId: ws, accountId: page.accountId, kind, itemId, actorId, subject, at: e.at }).changes > 0 || changed;
    }
    if (changed) this.d.changed(ws);
  };
}
