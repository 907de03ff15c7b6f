/**
 * Mastodon's moderation through the account's server: reports (POST /api/v1/reports with the
 * category, the instance's rule ids and the statuses), mute / unmute and block / unblock of the
 * author, muting the status's conversation (statuses/:id/mute) and removing the author from the
 * account's followers (accounts/:id/remove_from_followers). The author's account id on this server comes from the status (or a resolving search).
 * Hiding replies and detaching quotes are not Mastodon's: refused as unsupported.
 */
import type { ReportReason, ServerRule } from '../../../../shared/inbox/moderation';
import type { Moderator } from '../moderation';
import { ReadError } from '../reader';
import { toReadError } from '../read-errors';
import type { MastodonHttp } from './http';

/** Mastodon's categories; "violation" is for the instance's rules, so it goes with rule ids only. */
const CATEGORIES: Record<ReportReason, 'spam' | 'legal' | 'other'> = { spam: 'spam', rude: 'other', violation: 'other', misleading: 'other', sexual: 'other', illegal: 'legal', other: 'other' };

export interface MastodonModeratorDeps {
  http: MastodonHttp;
  timeoutMs: number;
  token(): Promise<string | null>;
}

export function createMastodonModerator(d: MastodonModeratorDeps): Moderator {
  const call = async (method: 'GET' | 'POST', path: string, json?: Record<string, unknown>) => {
    const token = await d.token();
    if (!token) throw new ReadError('reconnect_needed', 'This Mastodon account has no token: reconnect it.', 401);
    try {
      return await d.http.request({ method, path, accessToken: token, timeoutMs: d.timeoutMs, ...(json ? { json } : {}) });
    } catch (err) {
      throw toReadError(err);
    }
  };
  /** A person without a post (a follower): their account id on this server, from their address (accounts/lookup). */
  const lookup = async (acct: string): Promise<string> => {
    const found = (await call('GET', `/api/v1/accounts/lookup?${new URLSearchParams({ acct }).toString()}`)).body as { id?: unknown } | null;
    if (typeof found?.id !== 'string') throw new ReadError('not_found', 'This person cannot be found from this account’s server.', 404);
    return found.id;
  };
  /** The author's account id on this server: from the post, or from their address when there is none. */
  const authorId = async (target: { uri: string; remoteId: string | null; authorRemoteId: string }): Promise<string> => (target.uri ? (await resolve(target)).accountId : lookup(target.authorRemoteId));
  /** The status id on this server, and its author's account id. */
  const resolve = async (target: { uri: string; remoteId: string | null }): Promise<{ statusId: string; accountId: string }> => {
    let status = target.remoteId ? ((await call('GET', `/api/v1/statuses/${encodeURIComponent(target.remoteId)}`)).body as { id?: unknown; account?: { id?: unknown } } | null) : null;
    if (!status) {
      const found = (await call('GET', `/api/v2/search?${new URLSearchParams({ q: target.uri, type: 'statuses', resolve: 'true', limit: '1' }).toString()}`)).body as { statuses?: { id?: unknown; account?: { id?: unknown } }[] } | null;
      status = found?.statuses?.[0] ?? null;
    }
    if (typeof status?.id !== 'string' || typeof status.account?.id !== 'string') throw new ReadError('not_found', 'This post cannot be found from this account’s server.', 404);
    return { statusId: status.id, accountId: status.account.id };
  };

  return {
    async rules(): Promise<ServerRule[]> {
      const body = (await call('GET', '/api/v1/instance/rules')).body;
      const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
      return (Array.isArray(body) ? (body as { id?: unknown; text?: unknown; hint?: unknown }[]) : [])
        .filter((r) => typeof r.id === 'string' && r.id.length <= 50)
        .slice(0, 100)
        .map((r) => ({ id: r.id as string, text: text(r.text, 2000), hint: text(r.hint, 2000) }));
    },
    async moderate(action, target, report) {
      switch (action) {
        case 'mute':
        case 'unmute':
        case 'block':
        case 'unblock': {
          const accountId = await authorId(target);
          await call('POST', `/api/v1/accounts/${encodeURIComponent(accountId)}/${action}`);
          return;
        }
        case 'mute_thread':
        case 'unmute_thread': {
          const { statusId } = await resolve(target);
          await call('POST', `/api/v1/statuses/${encodeURIComponent(statusId)}/${action === 'mute_thread' ? 'mute' : 'unmute'}`);
          return;
        }
        case 'remove_follower': {
          const accountId = await authorId(target);
          await call('POST', `/api/v1/accounts/${encodeURIComponent(accountId)}/remove_from_followers`);
          return;
        }
        case 'report': {
          const { statusId, accountId } = await resolve(target);
          const ruleIds = report?.ruleIds ?? [];
          await call('POST', '/api/v1/reports', {
            account_id: accountId,
            status_ids: [statusId],
            category: ruleIds.length > 0 ? 'violation' : CATEGORIES[report?.reason ?? 'other'],
            ...(ruleIds.length > 0 ? { rule_ids: ruleIds } : {}),
            ...(report?.comment ? { comment: report.comment } : {}),
            ...(report?.forward !== undefined ? { forward: report.forward } : {}),
          });
          return;
        }
        default:
          throw new ReadError('unsupported', `Mastodon cannot ${action.replace('_', ' ')}.`);
      }
    },
  };
}
