/**
 * Moderation from any card or inbox item, as one of the workspace's accounts: the item's
 * context is read from the cache (its thread's root, what it quotes, each account's id for
 * it), the account's connector does it, and every attempt is in the audit log with the
 * network's outcome. A refusal leaves everything as it was and says the server's words; done,
 * a hide, detach, block or report settles the item's inbox entry (done, by the rule that asked
 * or by hand). Offline (or throttled, or the server failing) the action waits in the durable
 * queue (queue.ts) and goes once when the connection is back; its undo stays offered.
 */
import { UNDO_OF, canModerate, type ModerationAction, type ModerationResult, type ReportDetails, type ServerRule } from '../../../shared/inbox/moderation';
import { AppFailure } from '../../../shared/result';
import { ModerationNotAllowed, type ModerationTarget } from '../connectors/moderation';
import { ReadError } from '../connectors/reader';
import type { ModerationDeps } from './deps';
import { backoff } from '../streams/status';
import { createPersonModeration } from './person';
import { ModerationQueue, type QueuedModeration } from './queue';


const SETTLES: readonly ModerationAction[] = ['hide_reply', 'detach_quote', 'block', 'report'];

interface TargetRow {
  uri: string;
  network: string;
  body: string;
  author: string;
  remote_id: string | null;
  cid: string | null;
}

type Request = Omit<QueuedModeration, 'id' | 'attempts'>;
/** The network could not take it now: it waits (unreachable, throttled, failing). */
type Sent = { done: true } | { done: false; wait: ReadError };

export class ModerationService {
  private readonly s;
  readonly queue: ModerationQueue;
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly person: ReturnType<typeof createPersonModeration>;
  private stopped = false;

  constructor(private readonly d: ModerationDeps) {
    this.queue = new ModerationQueue(d.db);
    this.person = createPersonModeration(d);
    this.s = {
      target: d.db.prepare<{ itemId: string; accountId: string }, TargetRow>(
        `SELECT i.uri, i.network, i.body, a.remote_id AS author, v.remote_id, coalesce(v.cid, (SELECT cid FROM item_views w WHERE w.item_id = i.id AND w.cid IS NOT NULL LIMIT 1)) AS cid
         FROM items i JOIN actors a ON a.id = i.author_id LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = @accountId WHERE i.id = @itemId`,
      ),
      settle: d.db.prepare<{ ws: string; itemId: string; now: number; by: string }, { id: string }>(
        `UPDATE inbox_items SET state = 'done', snoozed_until = NULL, done_at = @now, done_by = @by
         WHERE workspace_id = @ws AND item_id = @itemId AND state != 'done' RETURNING id`,
      ),
    };
  }

  /** The server's rules a report can name; none when the network has no list. */
  async rules(accountId: string): Promise<ServerRule[]> {
    const account = this.d.accounts.get(accountId);
    if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is not connected.');
    const moderator = this.d.moderatorFor(account.id);
    if (!moderator?.rules) return [];
    try {
      return await moderator.rules();
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
      if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message, { handle: account.handle });
      throw new AppFailure('network_unreachable', err.message, { detail: err.message });
    }
  }

  async act(input: { workspaceId: string; itemId?: string | undefined; actorId?: string | undefined; asAccountId: string; action: ModerationAction; ruleId?: string | undefined; report?: ReportDetails | undefined }): Promise<ModerationResult> {
    if (input.itemId === undefined) {
      if (input.actorId === undefined) throw new AppFailure('item_not_found', 'Nothing to moderate.');
      return this.person({ workspaceId: input.workspaceId, actorId: input.actorId, asAccountId: input.asAccountId, action: input.action });
    }
    return this.actOnItem({ ...input, itemId: input.itemId });
  }

  private async actOnItem(input: { workspaceId: string; itemId: string; asAccountId: string; action: ModerationAction; ruleId?: string | undefined; report?: ReportDetails | undefined }): Promise<ModerationResult> {
    const account = this.d.accounts.get(input.asAccountId);
    if (!account || account.removed || account.workspaceId !== input.workspaceId) throw new AppFailure('account_not_found', 'This account is not connected to this workspace.');
    const row = this.s.target.get({ itemId: input.itemId, accountId: account.id });
    if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
    if (row.network !== account.network) throw new AppFailure('moderation_unsupported', 'This account is on another network.', { action: input.action, network: account.network });
    if (!this.d.moderatorFor(account.id) || !canModerate(account.network, input.action)) {
      throw new AppFailure('moderation_unsupported', 'This network cannot moderate from Tribune.', { action: input.action, network: account.network });
    }
    const req: Request = { workspaceId: input.workspaceId, accountId: account.id, itemId: input.itemId, action: input.action, ruleId: input.ruleId ?? null, report: input.report ?? null };
    const now = this.d.clock.now();
    const undo = UNDO_OF[input.action] ?? null;
    // Undone before it went: neither goes.
    const cancelled = undo ? this.queue.cancelPending(req.itemId, req.accountId, undo, now) : null;
    if (cancelled) {
      this.record(req, 'undone');
      this.d.changed(req.workspaceId, req.itemId);
      return { action: input.action, undo, inboxItemId: null };
    }
    if (this.queue.hasWaiting(account.id)) return this.enqueue(req, now, null);
    let sent: Sent;
    try {
      sent = await this.send(req, row);
    } catch (err) {
      if (err instanceof AppFailure && err.code === 'moderation_refused') this.record(req, 'refused', err.message);
      if (err instanceof AppFailure && err.code === 'account_reconnect_needed') this.record(req, 'refused', err.message);
      throw err;
    }
    if (!sent.done) return this.enqueue(req, now + backoff(1), sent.wait);
    return { action: input.action, undo, inboxItemId: this.completed(req) };
  }

  private enqueue(req: Request, nextAt: number, why: ReadError | null): ModerationResult {
    const now = this.d.clock.now();
    this.queue.add({ ...req, attempts: why ? 1 : 0 }, why?.retryAt ?? nextAt, now, why?.message ?? null);
    this.record(req, 'queued', why?.message ?? null);
    this.d.changed(req.workspaceId, req.itemId);
    if (!why) void this.drain();
    return { action: req.action, undo: UNDO_OF[req.action] ?? null, inboxItemId: null, queued: true };
  }

  /** Done on the network: logged, the inbox item settled when the action settles it. */
  private completed(req: Request): string | null {
    this.record(req, 'done');
    const settled = SETTLES.includes(req.action) ? this.s.settle.all({ ws: req.workspaceId, itemId: req.itemId, now: this.d.clock.now(), by: req.ruleId ? 'rule' : 'hand' }) : [];
    this.d.changed(req.workspaceId, req.itemId);
    return settled[0]?.id ?? null;
  }

  private record(req: Request, outcome: 'done' | 'refused' | 'queued' | 'undone', message: string | null = null): void {
    this.d.audit.record({ workspaceId: req.workspaceId, at: this.d.clock.now(), accountId: req.accountId, itemId: req.itemId, ruleId: req.ruleId, action: req.action, outcome, message });
  }

  /** One attempt on the network; a refusal throws its AppFailure, a network that cannot take it now answers wait. */
  private async send(req: Request, row: TargetRow): Promise<Sent> {
    const account = this.d.accounts.get(req.accountId);
    const moderator = this.d.moderatorFor(req.accountId);
    if (!account || account.removed || !moderator) throw new AppFailure('account_not_found', 'This account is no longer connected.');
    const body = JSON.parse(row.body) as { replyRoot?: { uri: string } | null; replyTo?: { uri: string } | null; quote?: { uri: string } | null };
    const target: ModerationTarget = {
      uri: row.uri,
      cid: row.cid,
      remoteId: row.remote_id,
      authorRemoteId: row.author,
      rootUri: body.replyRoot?.uri ?? body.replyTo?.uri ?? null,
      quotedUri: body.quote?.uri ?? null,
    };
    try {
      await moderator.moderate(req.action, target, req.report);
      return { done: true };
    } catch (err) {
      if (err instanceof ModerationNotAllowed) throw new AppFailure('moderation_not_allowed', err.message, { action: req.action });
      if (!(err instanceof ReadError)) throw err;
      if (err.kind === 'unreachable' || err.kind === 'rate_limited' || err.kind === 'server') return { done: false, wait: err };
      if (err.kind === 'unsupported') throw new AppFailure('moderation_unsupported', err.message, { action: req.action, network: account.network });
      if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message, { handle: account.handle });
      throw new AppFailure('moderation_refused', err.message, { action: req.action });
    }
  }

  /** Sends every due queued action once, oldest first; passes run one after the other. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const pass: Promise<void> = (this.draining ?? Promise.resolve()).then(() => this.drainNow()).finally(() => {
      if (this.draining === pass) this.draining = null;
    });
    this.draining = pass;
    return pass;
  }

  private async drainNow(): Promise<void> {
    const waiting = new Set<string>();
    for (const a of this.queue.pending()) {
      if (this.stopped) return;
      if (waiting.has(a.accountId)) continue; // offline or throttled: keep the order
      if (a.nextAt > this.d.clock.now()) {
        waiting.add(a.accountId);
        continue;
      }
      const row = this.s.target.get({ itemId: a.itemId, accountId: a.accountId });
      this.queue.sending(a.id, this.d.clock.now());
      try {
        if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
        const sent = await this.send(a, row);
        if (this.stopped) return; // closing: it goes again at the next start
        if (sent.done) {
          this.queue.settle(a.id, 'done', null, this.d.clock.now());
          this.completed(a);
        } else {
          waiting.add(a.accountId);
          this.queue.retryAt(a.id, sent.wait.retryAt ?? this.d.clock.now() + backoff(a.attempts + 1), sent.wait.message, this.d.clock.now());
        }
      } catch (err) {
        if (this.stopped) return;
        const message = err instanceof Error ? err.message : String(err);
        this.queue.settle(a.id, 'failed', message, this.d.clock.now());
        this.record(a, 'refused', message);
        this.d.changed(a.workspaceId, a.itemId);
      }
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.drain(), 30_000);
    this.timer.unref?.();
    void this.drain();
  }

  /** Stops the timer and waits for a pass under way (what it was sending goes again at the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining?.catch(() => undefined);
  }

  /** The connection came back or the computer woke up: everything waiting goes now. */
  wake(): void {
    if (this.stopped) return;
    this.queue.wake(this.d.clock.now());
    void this.drain();
  }
}
