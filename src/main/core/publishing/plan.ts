/**
 * What each target of a post publishes, and whether a rule blocks it: the one place where the
 * core calls the publishing rules (the composer calls the same ones).
 */
import type { Account } from '../../../shared/domain';
import { contentForTarget, targetProblems } from '../../../shared/publishing-rules';
import { DraftContent, EMPTY_DRAFT_CONTENT, type Capabilities, type HeldProblems, type PostContent, type TargetProblem } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
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
  /** Empty: it can go. */
  problems: HeldProblems;
}

export const notFound = (what: string) => new AppFailure('not_found', `${what} was not found (it may have been deleted).`);

/** The composer's content of a draft (an unreadable one reads as empty). */
export function readContent(json: string | null): DraftContent {
  if (!json) return EMPTY_DRAFT_CONTENT;
  const parsed = DraftContent.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : EMPTY_DRAFT_CONTENT;
}

export function capabilitiesOf(d: Pick<PlanDeps, 'accounts' | 'connectors'>, account: Pick<Account, 'id' | 'network'>): Capabilities {
  return d.accounts.cachedCapabilities(account.id) ?? d.connectors.defaultCapabilities(account.network);
}

/** Every reason this content cannot go to this account (offline, from cached capabilities or the network's defaults). */
export function problemsFor(d: PlanDeps, account: Account, post: PostContent, requireAltText: boolean): HeldProblems {
  const problems = targetProblems(post, capabilitiesOf(d, account), { requireAltText });
  for (const part of post.parts) {
    for (const ref of part.media) if (!d.media.get(ref.mediaId)) problems.push('An image of this post is missing from the data folder');
  }
  return problems;
}

/** Each target of a draft with what it publishes and its problems; accounts that cannot be used are `gone`. */
export function planDraft(d: PlanDeps, draftId: string) {
  const draft = d.drafts.get(draftId);
  if (!draft || draft.deleted) throw notFound('This draft');
  const content = readContent(d.drafts.publishing(draftId)?.content ?? null);
  const { requireAltText, timeZone } = d.workspaceSettings.get(draft.workspaceId);
  const targets: PlannedTarget[] = [];
  const gone: TargetProblem[] = [];
  for (const target of content.targets) {
    const account = d.accounts.get(target.accountId);
    if (!account || account.removed || account.workspaceId !== draft.workspaceId) {
      gone.push({ accountId: target.accountId, reasons: ['This account was removed from the workspace'] });
      continue;
    }
    const post = contentForTarget(draft.text, content, target);
    targets.push({ account, post, problems: problemsFor(d, account, post, requireAltText) });
  }
  const problems = [...gone, ...targets.filter((t) => t.problems.length > 0).map((t) => ({ accountId: t.account.id, reasons: t.problems }))];
  return { draft, content, targets, problems, zone: timeZone };
}
