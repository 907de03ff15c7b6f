/**
 * Moderation of a person without a post of theirs — a new follower in the inbox: mute, block
 * (and their undo) and, where the network allows it, removing them from the account's
 * followers. The person is the cached actor; each attempt is an audit line naming them; done,
 * a block or a removal settles their "new follower" item. There is no post to queue against, so
 * offline it is refused as unreachable (nothing changed) rather than queued.
 */
import { PERSON_ACTIONS, UNDO_OF, canModerate, type ModerationAction, type ModerationResult } from '../../../shared/inbox/moderation';
import { AppFailure } from '../../../shared/result';
import { ModerationNotAllowed } from '../connectors/moderation';
import { ReadError } from '../connectors/reader';
import type { ModerationDeps } from './deps';

const SETTLES_FOLLOW: readonly ModerationAction[] = ['block', 'remove_follower'];

export function createPersonModeration(d: ModerationDeps) {
  const s = {
    actor: d.db.prepare<[string], { network: string; remote_id: string }>('SELECT network, remote_id FROM actors WHERE id = ?'),
    settle: d.db.prepare<{ ws: string; accountId: string; actorId: string; now: number }, { id: string }>(
      `UPDATE inbox_items SET state = 'done', snoozed_until = NULL, done_at = @now, done_by = 'hand'
       WHERE workspace_id = @ws AND account_id = @accountId AND actor_id = @actorId AND kind = 'follow' AND state != 'done' RETURNING id`,
    ),
  };

  return async (input: { workspaceId: string; actorId: string; asAccountId: string; action: ModerationAction }): Promise<ModerationResult> => {
    const account = d.accounts.get(input.asAccountId);
    if (!account || account.removed || account.workspaceId !== input.workspaceId) throw new AppFailure('account_not_found', 'This account is not connected to this workspace.');
    const actor = s.actor.get(input.actorId);
    if (!actor) throw new AppFailure('item_not_found', 'This person is no longer in the cache.');
    const moderator = d.moderatorFor(account.id);
    if (actor.network !== account.network || !moderator || !PERSON_ACTIONS.includes(input.action) || !canModerate(account.network, input.action)) {
      throw new AppFailure('moderation_unsupported', 'This cannot be done to this person from this account.', { action: input.action, network: account.network });
    }
    const record = (outcome: 'done' | 'refused' | 'unreachable', message: string | null = null) =>
      d.audit.record({ workspaceId: input.workspaceId, at: d.clock.now(), accountId: account.id, itemId: null, actorId: input.actorId, ruleId: null, action: input.action, outcome, message });
    try {
      await moderator.moderate(input.action, { uri: '', cid: null, remoteId: null, authorRemoteId: actor.remote_id, rootUri: null, quotedUri: null }, null);
    } catch (err) {
      if (err instanceof ModerationNotAllowed) throw new AppFailure('moderation_not_allowed', err.message, { action: input.action });
      if (!(err instanceof ReadError)) throw err;
      if (err.kind === 'unsupported') throw new AppFailure('moderation_unsupported', err.message, { action: input.action, network: account.network });
      if (err.kind === 'unreachable' || err.kind === 'rate_limited' || err.kind === 'server') {
        record('unreachable', err.message);
        throw new AppFailure('network_unreachable', err.message, { detail: err.message });
      }
      record('refused', err.message);
      if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message, { handle: account.handle });
      throw new AppFailure('moderation_refused', err.message, { action: input.action });
    }
    record('done');
    const settled = SETTLES_FOLLOW.includes(input.action) ? s.settle.all({ ws: input.workspaceId, accountId: account.id, actorId: input.actorId, now: d.clock.now() }) : [];
    d.changed(input.workspaceId, null);
    return { action: input.action, undo: UNDO_OF[input.action] ?? null, inboxItemId: settled[0]?.id ?? null };
  };
}
