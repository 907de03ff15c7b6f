/**
 * The charter editor's commands: one rule saved (added, or changed where it is), switched on or
 * off, or deleted. Each stores the whole charter through CharterStore (refused whole when a rule
 * cannot run) and recomputes the workspace's flags over what is cached, like charter.save.
 */
import type { Charter, CharterRule } from '../../../shared/charter/schema';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { defineHandlers } from '../handler-types';
import type { WorkspaceRepository } from '../repositories/workspaces';
import type { CharterStore } from './store';

export interface CharterEditorDeps {
  clock: Clock;
  workspaces: WorkspaceRepository;
  charters: CharterStore;
  /** The workspace's flags recomputed over the cached items (inbox/charter-runs.ts). */
  runs: { reflag(workspaceId: string, charter: Charter, now: number): number };
  changed(workspaceId: string): void;
}

export function createCharterEditorHandlers(d: CharterEditorDeps) {
  /** The workspace's charter changed by `change`, stored and applied to the cached items. */
  const update = (workspaceId: string, change: (rules: CharterRule[]) => CharterRule[]): Charter => {
    if (!d.workspaces.get(workspaceId)) throw new AppFailure('workspace_not_found', 'This workspace no longer exists.');
    const current = d.charters.get(workspaceId);
    const now = d.clock.now();
    const saved = d.charters.save(workspaceId, { ...current, rules: change(current.rules) }, now);
    d.runs.reflag(workspaceId, saved, now);
    d.changed(workspaceId);
    return saved;
  };
  const existing = (rules: CharterRule[], ruleId: string): number => {
    const index = rules.findIndex((r) => r.id === ruleId);
    if (index < 0) throw new AppFailure('charter_rule_not_found', 'This rule no longer exists.', { ruleId });
    return index;
  };

  return defineHandlers({
    'charter.saveRule': ({ workspaceId, rule }) =>
      update(workspaceId, (rules) => {
        const index = rules.findIndex((r) => r.id === rule.id);
        return index < 0 ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
      }),
    'charter.setRuleEnabled': ({ workspaceId, ruleId, enabled }) =>
      update(workspaceId, (rules) => {
        const index = existing(rules, ruleId);
        return rules.map((r, i) => (i === index ? { ...r, enabled } : r));
      }),
    'charter.deleteRule': ({ workspaceId, ruleId }) =>
      update(workspaceId, (rules) => {
        const index = existing(rules, ruleId);
        return rules.filter((_, i) => i !== index);
      }),
  });
}
