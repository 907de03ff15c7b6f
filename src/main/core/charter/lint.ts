/**
 * The charter on the brand's own draft (the composer's lint): the workspace's text rules only
 * (words, regex, link domains, capitals, mentions; never spam waves or account rules), over the
 * main text and every place of the draft (a thread's parts, each adapted version and its parts),
 * in one batch. One flag per rule for the whole draft, and the flags of each place that has some.
 */
import { TEXT_KINDS } from '../../../shared/charter/rule-form';
import { textLinks } from '../../../shared/charter/normalize';
import type { Charter, CharterItem, ItemFlag } from '../../../shared/charter/schema';
import { CharterEngine } from './engine';

/** A text of the draft: the main version (accountId null) or an adapted one; a thread's part (from 0) or the whole version (null). */
export interface DraftPlace {
  accountId: string | null;
  part: number | null;
  text: string;
}

export interface DraftLint {
  flags: ItemFlag[];
  places: { accountId: string | null; part: number | null; flags: ItemFlag[] }[];
}

export function lintDraft(charter: Charter, now: number, places: readonly DraftPlace[]): DraftLint {
  const rules = charter.rules.filter((r) => (TEXT_KINDS as readonly string[]).includes(r.match.kind));
  const items: CharterItem[] = places.flatMap((p, i) => (p.text.trim() ? [{ id: String(i), text: p.text, authorId: 'brand', at: now, links: textLinks(p.text) }] : []));
  if (rules.length === 0 || items.length === 0) return { flags: [], places: [] };
  const run = new CharterEngine({ ...charter, rules }).evaluate(items, now);
  const shown = (f: (typeof run.flags)[number]): ItemFlag => ({ ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity, action: f.action, matched: f.matched });
  const byPlace = new Map<number, ItemFlag[]>();
  const whole = new Map<string, ItemFlag>();
  for (const f of run.flags) {
    const index = Number(f.itemId);
    const list = byPlace.get(index) ?? [];
    if (!list.some((g) => g.ruleId === f.ruleId)) list.push(shown(f));
    byPlace.set(index, list);
    if (!whole.has(f.ruleId)) whole.set(f.ruleId, shown(f));
  }
  // The draft's flags follow the charter's order of rules, as before; places follow the draft's order.
  const order = new Map(rules.map((r, i) => [r.id, i]));
  return {
    flags: [...whole.values()].sort((a, b) => order.get(a.ruleId)! - order.get(b.ruleId)!),
    places: [...byPlace.entries()].sort(([a], [b]) => a - b).map(([i, flags]) => ({ accountId: places[i]!.accountId, part: places[i]!.part, flags })),
  };
}
