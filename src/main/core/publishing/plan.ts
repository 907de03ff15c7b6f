/**
 * What each target of a post publishes, and whether a rule blocks it: the one place where the
 * core calls the publishing rules (the composer calls the same ones).
 */
import type { Account } from '../../../shared/domain';
import { checkTarget, contentForTarget, isBlocking } from '../../../shared/rules';
import { DraftContent, EMPTY_DRAFT_CONTENT, type Capabilities, type HeldProblems, type PostContent, type TargetProblem } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
import { failures } from '../failures';
import type { AccountRepository } from '../repositories/accounts';
import type { DraftRepository } from '../repositories/drafts';
import type { MediaRepository } from '../repositories/media';
import type { WorkspaceSettingsRepository } from '../repositories/workspace-settings';
import type { ConnectorRegistry } from './registry';

export interface PlanDeps {
  accounts: AccountRepository;
  drafts: DraftRepository;
  media: MediaRepository;
  workspaceSettings: WorkspaceSettingsRepository;
  connectors: ConnectorRegistry;
}

export interface PlannedTarget {
  account: Account;
  post: PostContent;
  /** The rule book's problems (warnings included); `blocked` when one of them blocks. */
  problems: HeldProblems;
  blocked: boolean;
}

/** A draft, post or publication that is gone, with its own code. */
export const notFound = (what: 'draft' | 'post' | 'publication'): AppFailure =>
  what === 'draft' ? failures.draftNotFound() : what === 'post' ? failures.postNotFound() : failures.publicationNotFound();

/** The composer's content of a draft (an unreadable one reads as empty). */
export function readContent(json: string | null): DraftContent {
  if (!json) return EMPTY_DRAFT_CONTENT;
  const parsed = DraftContent.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : EMPTY_DRAFT_CONTENT;
}

export function capabilitiesOf(d: Pick<PlanDeps, 'accounts' | 'connectors'>, account: Pick<Account, 'id' | 'network'>): Capabilities {
  return d.accounts.cachedCapabilities(account.id) ?? d.connectors.defaultCapabilities(account.network);
}

/**
 * The one call of the core into the rule book (the composer calls the same checker): every
 * problem of this content for this account, offline, from cached capabilities or the network's defaults.
 */
export function problemsFor(d: PlanDeps, account: Account, post: PostContent, requireAltText: boolean): { problems: HeldProblems; blocked: boolean } {
  const report = checkTarget(post, capabilitiesOf(d, account), {
    requireAltText,
    mediaMime: (id) => d.media.get(id)?.mime,
    mediaExists: (id) => d.media.get(id) !== null,
  });
  return { problems: report.problems, blocked: isBlocking(report.problems) };
}

/** Each target of a draft with what it publishes and its problems; accounts that cannot be used are `gone`. */
export function planDraft(d: PlanDeps, draftId: string) {
  const draft = d.drafts.get(draftId);
  if (!draft || draft.deleted) throw notFound('draft');
  const content = readContent(d.drafts.publishing(draftId)?.content ?? null);
  const { requireAltText, timeZone } = d.workspaceSettings.get(draft.workspaceId);
  const targets: PlannedTarget[] = [];
  const gone: TargetProblem[] = [];
  for (const target of content.targets) {
    const account = d.accounts.get(target.accountId);
    if (!account || account.removed || account.workspaceId !== draft.workspaceId) {
      gone.push({ accountId: target.accountId, problems: [{ code: 'account_removed', severity: 'block' }] });
      continue;
    }
    const post = contentForTarget(draft.text, content, target);
    targets.push({ account, post, ...problemsFor(d, account, post, requireAltText) });
  }
  /** Every problem (post.validate shows warnings too); `blocking`: only the targets that cannot go. */
  const problems = [...gone, ...targets.filter((t) => t.problems.length > 0).map((t) => ({ accountId: t.account.id, problems: t.problems }))];
  const blocking = problems.filter((p) => isBlocking(p.problems));
  return { draft, content, targets, problems, blocking, zone: timeZone };
}
