import { useEffect, useMemo } from 'react';
import type { Account } from '../../../shared/domain';
import type { Capabilities, PostContent } from '../../../shared/publishing';
import { capabilitiesOf, useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import { useMedia } from '../../stores/media';
import { usePublishing } from '../../stores/publishing';
import { targetProblems } from '../../../shared/publishing-rules';
import { checkTarget, extraServerReasons, type TargetReport } from './checks';
import { isAdapted, targetPostContent } from './content';

export interface ComposerTarget {
  account: Account;
  caps: Capabilities;
  adapted: boolean;
  /** What this target will publish. */
  post: PostContent;
  report: TargetReport;
  /** The core's reasons that the local checks do not already say. */
  serverReasons: string[];
  /** The target cannot go: a local block or a reason from the core. */
  blocked: boolean;
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
        const sameRules = targetProblems(post, caps, { requireAltText });
        // Should the shared rules block what the local checks let through, their words are shown rather than nothing.
        const serverReasons = [...(report.blocked ? [] : sameRules), ...extraServerReasons(problems, account.id, sameRules)];
        return { account, caps, adapted: isAdapted(content, account.id), post, report, serverReasons, blocked: report.blocked || serverReasons.length > 0 };
      }),
    [selected, known, content, text, requireAltText, mediaInfo, problems],
  );
}
