import { useEffect, useMemo } from 'react';
import type { Account } from '../../../shared/domain';
import type { Capabilities, PostContent } from '../../../shared/publishing';
import { capabilitiesOf, useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import { useMedia } from '../../stores/media';
import { usePublishing } from '../../stores/publishing';
import { checkTarget, type RuleProblem, type TargetProblem, type TargetReport } from '../../../shared/rules';
import { isAdapted, targetPostContent } from '../../model/content';

export interface ComposerTarget {
  account: Account;
  caps: Capabilities;
  adapted: boolean;
  /** What this target will publish. */
  post: PostContent;
  report: TargetReport;
  /** Everything to show: the live checks, plus what only the core can know. */
  problems: RuleProblem[];
  /** The target cannot go: a local block or one from the core. */
  blocked: boolean;
}

/**
 * Problems only the core can find (the account was removed meanwhile, an image file is gone from
 * the data folder). Every other code is computed live here, by the same rule book, so an answer
 * of the core about an older text never shows a reason the text no longer has.
 */
const CORE_ONLY = new Set<RuleProblem['code']>(['account_removed', 'media_missing']);

/** The live problems of a target with the core's own findings for that account added. */
export function withCoreProblems(local: readonly RuleProblem[], core: readonly TargetProblem[] | null | undefined, accountId: string): RuleProblem[] {
  const extra = core?.find((p) => p.accountId === accountId)?.problems.filter((p) => CORE_ONLY.has(p.code)) ?? [];
  return [...local, ...extra];
}

const NO_ACCOUNTS: Account[] = [];

/** The workspace's accounts, in the composer's workspace. */
export function useComposerAccounts(): Account[] {
  const workspaceId = useComposer((s) => s.workspaceId);
  return useAccounts((s) => (workspaceId ? (s.byWorkspace[workspaceId] ?? NO_ACCOUNTS) : NO_ACCOUNTS));
}

/** Every selected target with what it will publish and why it can or cannot go. */
export function useComposerTargets(): ComposerTarget[] {
  const workspaceId = useComposer((s) => s.workspaceId);
  const text = useComposer((s) => s.text);
  const content = useComposer((s) => s.content);
  const problems = useComposer((s) => s.problems);
  const accounts = useComposerAccounts();
  const known = useAccounts((s) => s.capabilities);
  const loadCapabilities = useAccounts((s) => s.loadCapabilities);
  const requireAltText = usePublishing((s) => (workspaceId ? (s.byWorkspace[workspaceId]?.requireAltText ?? false) : false));
  const mediaInfo = useMedia((s) => s.info);

  const selected = useMemo(
    () => content.targets.map((t) => accounts.find((a) => a.id === t.accountId)).filter((a): a is Account => !!a),
    [content.targets, accounts],
  );

  useEffect(() => {
    for (const account of selected) void loadCapabilities(account);
  }, [selected, loadCapabilities]);

  return useMemo(
    () =>
      selected.map((account) => {
        const caps = capabilitiesOf(account, known);
        const post = targetPostContent(content, text, account.id);
        const report = checkTarget(post, caps, { requireAltText, health: account.health, mediaMime: (id) => mediaInfo[id]?.mime });
        const all = withCoreProblems(report.problems, problems, account.id);
        return { account, caps, adapted: isAdapted(content, account.id), post, report, problems: all, blocked: all.some((p) => p.severity === 'block') };
      }),
    [selected, known, content, text, requireAltText, mediaInfo, problems],
  );
}
