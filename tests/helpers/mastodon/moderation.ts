/**
 * The stand-in's moderation routes, validated like every other answer: the instance's rules,
 * reports (category, rule ids, statuses; a rule id the instance lacks or a status of someone
 * else is refused with 422, as Mastodon does), mutes and blocks of community accounts with
 * their relationship, muted conversations (statuses/:id/mute, the status answered with
 * `muted`) and followers removed (accounts/:id/remove_from_followers); accounts/lookup finds a
 * community account by its address. Tests read what arrived in `state`.
 */
import type { Community, CommunityAccount } from './community';

interface Reply {
  status: number;
  json?: unknown;
}
interface Ctx {
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  now: number;
}

export interface ReportRecord {
  id: string;
  accountId: string;
  category: string;
  ruleIds: string[];
  statusIds: string[];
  comment: string;
  forward: boolean;
}

export interface ModerationState {
  rules: { id: string; text: string; hint: string }[];
  reports: ReportRecord[];
  mutes: Set<string>;
  blocks: Set<string>;
  /** Status ids whose conversation is muted. */
  mutedThreads: Set<string>;
  /** Account ids removed from the signed-in account's followers, in order. */
  removedFollowers: string[];
}

export function moderationApi(c: Community, renderOther: (a: CommunityAccount) => Record<string, unknown>, host: { newId(): string; statusById(id: string): Record<string, unknown> | null }) {
  const state: ModerationState = {
    rules: [
      { id: '1', text: 'Pas de spam ni de publicité', hint: '' },
      { id: '2', text: 'Respect : pas d’insultes ni de harcèlement', hint: 'Insults and harassment' },
    ],
    reports: [],
    mutes: new Set(),
    blocks: new Set(),
    mutedThreads: new Set(),
    removedFollowers: [],
  };
  const notFound: Reply = { status: 404, json: { error: 'Record not found' } };
  const account = (id: string | undefined) => c.accounts.find((a) => a.id === id);
  const relationship = (id: string) => ({
    id,
    following: false,
    showing_reblogs: true,
    notifying: false,
    followed_by: false,
    blocking: state.blocks.has(id),
    blocked_by: false,
    muting: state.mutes.has(id),
    muting_notifications: state.mutes.has(id),
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  });
  const toggle = (set: Set<string>, on: boolean) => (ctx: Ctx): Reply => {
    const a = account(ctx.pathParams.id);
    if (!a) return notFound;
    if (on) set.add(a.id);
    else set.delete(a.id);
    return { status: 200, json: relationship(a.id) };
  };
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

  const routes: [string, (ctx: Ctx) => Reply][] = [
    ['GET /api/v1/instance/rules', () => ({ status: 200, json: state.rules })],
    [
      'POST /api/v1/reports',
      (ctx) => {
        const target = account(String(ctx.body.account_id ?? ''));
        if (!target) return notFound;
        const ruleIds = strings(ctx.body.rule_ids ?? ctx.body['rule_ids[]']);
        const statusIds = strings(ctx.body.status_ids ?? ctx.body['status_ids[]']);
        if (ruleIds.some((id) => !state.rules.some((r) => r.id === id))) return { status: 422, json: { error: 'Validation failed: Rule ids are invalid' } };
        if (statusIds.some((id) => !c.statuses.some((s) => s.id === id && s.authorId === target.id))) return { status: 422, json: { error: 'Validation failed: Statuses do not belong to the reported account' } };
        const category = ruleIds.length > 0 ? 'violation' : String(ctx.body.category ?? 'other');
        const report: ReportRecord = { id: host.newId(), accountId: target.id, category, ruleIds, statusIds, comment: String(ctx.body.comment ?? ''), forward: ctx.body.forward === true };
        state.reports.push(report);
        return {
          status: 200,
          json: {
            id: report.id,
            action_taken: false,
            action_taken_at: null,
            category,
            comment: report.comment,
            forwarded: report.forward,
            created_at: new Date(ctx.now).toISOString(),
            status_ids: statusIds,
            rule_ids: ruleIds,
            target_account: renderOther(target),
          },
        };
      },
    ],
    ['POST /api/v1/accounts/{id}/mute', toggle(state.mutes, true)],
    ['POST /api/v1/accounts/{id}/unmute', toggle(state.mutes, false)],
    ...(['mute', 'unmute'] as const).map((verb): [string, (ctx: Ctx) => Reply] => [
      `POST /api/v1/statuses/{id}/${verb}`,
      (ctx) => {
        const id = ctx.pathParams.id ?? '';
        if (!host.statusById(id)) return notFound;
        if (verb === 'mute') state.mutedThreads.add(id);
        else state.mutedThreads.delete(id);
        return { status: 200, json: { ...host.statusById(id), muted: verb === 'mute' } };
      },
    ]),
    [
      'GET /api/v1/accounts/lookup',
      (ctx) => {
        const acct = String(ctx.query.acct ?? '');
        const found = c.accounts.find((a) => a.username === acct.replace(/^@/, '').split('@')[0]);
        return found ? { status: 200, json: renderOther(found) } : notFound;
      },
    ],
    [
      'POST /api/v1/accounts/{id}/remove_from_followers',
      (ctx) => {
        const a = account(ctx.pathParams.id);
        if (!a) return notFound;
        state.removedFollowers.push(a.id);
        return { status: 200, json: relationship(a.id) };
      },
    ],
    ['POST /api/v1/accounts/{id}/block', toggle(state.blocks, true)],
    ['POST /api/v1/accounts/{id}/unblock', toggle(state.blocks, false)],
  ];
  return { routes, state };
}
