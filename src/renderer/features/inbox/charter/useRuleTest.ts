import { useEffect, useState } from 'react';
import type { CharterRule } from '../../../../shared/charter/schema';
import type { CommandOutput } from '../../../../shared/contract';
import { getClient } from '../../../client';

export type RuleTest = CommandOutput<'charter.test'>;
export interface SampleAuthor {
  ageDays: string;
  emptyProfile: boolean;
}

/**
 * The rule being written, tested as it is typed (debounced): its problem (a pattern that could
 * hang), what it flags in the sample text, and which cached items it would flag.
 */
export function useRuleTest(workspaceId: string, rule: CharterRule | null, sample: string, author: SampleAuthor | null): RuleTest | null {
  const [test, setTest] = useState<RuleTest | null>(null);
  const key = JSON.stringify([rule, sample, author]);
  useEffect(() => {
    let current = true;
    const handle = setTimeout(
      () => {
        if (!rule) return setTest(null);
        const age = author && /^\d{1,5}$/.test(author.ageDays.trim()) ? Number(author.ageDays) : undefined;
        const sampleAuthor = author ? { ...(age === undefined ? {} : { ageDays: age }), emptyProfile: author.emptyProfile } : undefined;
        void getClient()
          .invoke('charter.test', { workspaceId, rule, ...(sample.trim() ? { sample } : {}), ...(sampleAuthor ? { sampleAuthor } : {}) })
          .then((r) => {
            if (current) setTest(r.ok ? r.value : null);
          });
      },
      rule ? 300 : 0,
    );
    return () => {
      current = false;
      clearTimeout(handle);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for rule, sample and author
  }, [workspaceId, key]);
  return test;
}
