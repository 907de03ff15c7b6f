/**
 * A workspace's charter in the store (one row per rule, in order) and the engine built from it,
 * kept until the charter changes. Saving refuses a rule whose regular expression is invalid or
 * catastrophic, with the rule and the reason as parameters the editor translates.
 */
import { Charter, CharterRule, type Charter as CharterT } from '../../../shared/charter/schema';
import { AppFailure } from '../../../shared/result';
import type { Db } from '../store/database';
import { CharterEngine } from './engine';
import { checkPattern } from './regex-guard';

const EMPTY: CharterT = { format: 'tribune-charter', version: 1, rules: [] };

/** Why a charter cannot be saved, or null. */
export function charterProblem(charter: CharterT): { rule: string; reason: string; at?: number } | null {
  const ids = new Set<string>();
  for (const rule of charter.rules) {
    if (ids.has(rule.id)) return { rule: rule.name, reason: 'duplicate_id' };
    ids.add(rule.id);
    if (rule.match.kind !== 'regex') continue;
    const problem = checkPattern(rule.match.pattern);
    if (problem) return { rule: rule.name, reason: problem.code, ...('at' in problem ? { at: problem.at } : {}) };
  }
  return null;
}

export class CharterStore {
  private readonly engines = new Map<string, CharterEngine | null>();
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      rules: db.prepare<[string], { body: string }>('SELECT body FROM charter_rules WHERE workspace_id = ? ORDER BY position'),
      clear: db.prepare<[string]>('DELETE FROM charter_rules WHERE workspace_id = ?'),
      insert: db.prepare<[string, string, number, string, number]>('INSERT INTO charter_rules (workspace_id, id, position, body, updated_at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  get(workspaceId: string): CharterT {
    const rules = this.s.rules.all(workspaceId).flatMap((r) => {
      const parsed = CharterRule.safeParse(JSON.parse(r.body));
      return parsed.success ? [parsed.data] : [];
    });
    return { ...EMPTY, rules };
  }

  /** Replaces the workspace's charter (refused whole when a rule cannot run). */
  save(workspaceId: string, charter: CharterT, now: number): CharterT {
    const parsed = Charter.parse(charter);
    const problem = charterProblem(parsed);
    if (problem) throw new AppFailure('charter_rule_refused', `The rule "${problem.rule}" cannot be saved (${problem.reason}).`, problem);
    this.db.transaction(() => {
      this.s.clear.run(workspaceId);
      parsed.rules.forEach((rule, i) => this.s.insert.run(workspaceId, rule.id, i, JSON.stringify(rule), now));
    })();
    this.engines.delete(workspaceId);
    return parsed;
  }

  /** The engine for the workspace's enabled rules (null: nothing to run). */
  engine(workspaceId: string): CharterEngine | null {
    if (this.engines.has(workspaceId)) return this.engines.get(workspaceId)!;
    const charter = this.get(workspaceId);
    const engine = charter.rules.some((r) => r.enabled) ? new CharterEngine(charter) : null;
    this.engines.set(workspaceId, engine);
    return engine;
  }
}
