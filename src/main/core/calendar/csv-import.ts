/** A CSV bulk file (Hootsuite layout) as incoming posts, each row checked against its account's limits. */
import { createHash } from 'node:crypto';
import type { Account } from '../../../shared/domain';
import { EMPTY_DRAFT_CONTENT } from '../../../shared/publishing';
import { checkTarget, contentForTarget, defaultCapabilities, isBlocking } from '../../../shared/rules';
import { readCsv, rowInstant, type CsvRow } from '../../../shared/calendar/csv';
import type { PostSnapshot } from '../../../shared/calendar/snapshot';
import type { Campaign, Label, RowProblem } from '../../../shared/calendar/schemas';
import type { Capabilities } from '../../../shared/publishing';
import type { LocalPost } from '../repositories/exchange';

export interface CsvContext {
  zone: string;
  nowMs: number;
  accounts: readonly Account[];
  capabilities: (accountId: string) => Capabilities | null;
  campaigns: readonly Campaign[];
  labels: readonly Label[];
  locals: Map<string, LocalPost>;
}

const DEFAULT_COLOR = '#2563eb';

function matchAccount(value: string, accounts: readonly Account[]): Account | null {
  const wanted = value.replace(/^@/, '').toLowerCase();
  const [network, handle] = wanted.includes(':') ? wanted.split(':', 2) : [null, wanted];
  return accounts.find((a) => a.handle.toLowerCase().replace(/^@/, '') === handle!.replace(/^@/, '') && (!network || a.network === network)) ?? null;
}

export function csvSnapshots(text: string, ctx: CsvContext): { snapshots: PostSnapshot[]; problems: RowProblem[] } {
  const { rows, problems } = readCsv(text);
  const snapshots: PostSnapshot[] = [];
  const nowIso = new Date(ctx.nowMs).toISOString();
  for (const row of rows) {
    const problem = (code: string, params: Record<string, string | number> = {}) => problems.push({ line: row.line, code, params: { line: row.line, ...params } });
    const when = rowInstant(row, { zone: ctx.zone, nowMs: ctx.nowMs });
    if (!('at' in when)) {
      problems.push(when);
      continue;
    }
    if (row.message.trim() === '') {
      problem('row_message_missing');
      continue;
    }
    if (row.link && !/^https?:\/\/\S+$/.test(row.link)) {
      problem('row_link_invalid', { value: row.link });
      continue;
    }
    const accounts: Account[] = [];
    let refused = false;
    for (const name of row.account.split(/[\s,]+/).filter(Boolean)) {
      const account = matchAccount(name, ctx.accounts);
      if (!account) {
        problem('row_account_unknown', { account: name });
        refused = true;
      } else accounts.push(account);
    }
    if (refused) continue;
    const text = row.link && !row.message.includes(row.link) ? `${row.message.trimEnd()} ${row.link}` : row.message;
    const content = accounts.length > 0 ? { ...EMPTY_DRAFT_CONTENT, targets: accounts.map((a) => ({ accountId: a.id, variant: null })) } : null;
    for (const account of accounts) {
      const caps = ctx.capabilities(account.id) ?? defaultCapabilities(account.network);
      const report = checkTarget(contentForTarget(text, content!, { variant: null }), caps, { requireAltText: false });
      if (isBlocking(report.problems)) {
        const first = report.problems.find((p) => p.severity === 'block')!;
        const over = first.code === 'text_over' || first.code === 'bytes_over';
        problem(over ? 'row_text_too_long' : 'row_rule', { network: account.network, problem: first.code, ...(first.values ?? {}) });
        refused = true;
        break;
      }
    }
    if (refused) continue;
    snapshots.push(rowSnapshot(row, text, content, when.at, ctx, nowIso, accounts));
  }
  return { snapshots, problems: problems.sort((a, b) => a.line - b.line) };
}

function rowSnapshot(row: CsvRow, text: string, content: PostSnapshot['content'], at: number, ctx: CsvContext, nowIso: string, accounts: Account[]): PostSnapshot {
  const campaign = row.campaign
    ? (() => {
        const known = ctx.campaigns.find((c) => c.name === row.campaign);
        return known ? { name: known.name, color: known.color, startsOn: known.startsOn, endsOn: known.endsOn, goal: known.goal } : { name: row.campaign.slice(0, 80), color: DEFAULT_COLOR, startsOn: null, endsOn: null, goal: '' };
      })()
    : null;
  const labels = row.labels.map((name) => {
    const known = ctx.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    return { name: known?.name ?? name.slice(0, 40), color: known?.color ?? DEFAULT_COLOR };
  });
  const mine = row.uid ? ctx.locals.get(row.uid) : undefined;
  if (mine && !mine.deleted) {
    // A row of an exported plan: what the CSV carries replaces those fields only.
    return { ...mine.snapshot, text, at: new Date(at).toISOString(), timeZone: ctx.zone, campaign, labels, ...(content ? { content: { ...(mine.snapshot.content ?? EMPTY_DRAFT_CONTENT), targets: content.targets } } : {}) };
  }
  const uid = row.uid || `csv-${createHash('sha256').update([row.date, row.time, row.message, row.link, row.account].join('\u0000')).digest('hex').slice(0, 32)}@tribune`;
  return {
    uid,
    id: crypto.randomUUID(),
    kind: 'post',
    text,
    content,
    at: new Date(at).toISOString(),
    timeZone: ctx.zone,
    status: 'draft',
    reviewState: 'draft',
    campaign,
    labels: labels.sort((a, b) => a.name.localeCompare(b.name)),
    comments: [],
    media: [],
    targets: accounts.map((a) => ({ accountId: a.id, network: a.network, handle: a.handle })).sort((a, b) => a.accountId.localeCompare(b.accountId)),
    sequence: 0,
    lastModified: nowIso,
    createdAt: nowIso,
  };
}
