/**
 * The charter editor's commands on a real SQLite file with the real streams engine: a rule added,
 * changed in place, switched off and on, deleted (each recomputing the cached items' flags), a
 * missing rule or a catastrophic pattern refused with its code; every kind tested on sample text
 * (links and mentions read from it, the author described, a spam wave against the cache) and live
 * on the cached items.
 */
import { describe, expect, it } from 'vitest';
import type { CharterMatcher, CharterRule } from '../../src/shared/charter/schema';
import { actor, entry } from '../helpers/board/fixtures';
import { inboxHarness } from '../helpers/inbox/harness';

/** The refusal a command throws (the handlers answer at once). */
const refusal = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('The command was not refused');
};

const rule = (id: string, match: CharterMatcher, over: Partial<CharterRule> = {}): CharterRule => ({ id, name: `Règle ${id}`, severity: 'warning', action: 'flag', automatic: false, enabled: true, match, ...over });

describe('the charter editor', () => {
  it('adds a rule, changes it in place, switches it off and on, deletes it; the cached flags follow each time', async () => {
    const t = await inboxHarness();
    const home = await t.column('home', [entry(1, { text: 'Quelle arnaque ce projet' }), entry(2, { text: 'Super projet, merci' })]);
    const flagged = async () =>
      (await t.h['column.page']({ columnId: home.id })).entries.flatMap((e) => (e.kind === 'item' && e.item.flags ? e.item.flags.map((f) => `${e.item.text}|${f.ruleName}|${f.matched}`) : [])).sort();
    const ws = t.ws.id;

    await t.h['charter.saveRule']({ workspaceId: ws, rule: rule('a', { kind: 'words', terms: ['arnaque'] }) });
    const two = await t.h['charter.saveRule']({ workspaceId: ws, rule: rule('b', { kind: 'words', terms: ['merci'] }, { name: 'Merci' }) });
    expect(two.rules.map((r) => r.id)).toEqual(['a', 'b']);
    expect(await flagged()).toEqual(['Quelle arnaque ce projet|Règle a|arnaque', 'Super projet, merci|Merci|merci']);

    // Changed in place: same id, same position, new name, severity, action and terms.
    const changed = await t.h['charter.saveRule']({ workspaceId: ws, rule: rule('a', { kind: 'words', terms: ['projet'] }, { name: 'Projet', severity: 'critical', action: 'hide', automatic: true }) });
    expect(changed.rules.map((r) => [r.id, r.name, r.severity, r.action, r.automatic])).toEqual([
      ['a', 'Projet', 'critical', 'hide', true],
      ['b', 'Merci', 'warning', 'flag', false],
    ]);
    expect((await t.h['charter.get']({ workspaceId: ws })).rules[0]!.match).toEqual({ kind: 'words', terms: ['projet'] });
    expect(await flagged()).toEqual(['Quelle arnaque ce projet|Projet|projet', 'Super projet, merci|Merci|merci', 'Super projet, merci|Projet|projet']);

    const off = await t.h['charter.setRuleEnabled']({ workspaceId: ws, ruleId: 'a', enabled: false });
    expect(off.rules.map((r) => r.enabled)).toEqual([false, true]);
    expect(await flagged()).toEqual(['Super projet, merci|Merci|merci']);
    await t.h['charter.setRuleEnabled']({ workspaceId: ws, ruleId: 'a', enabled: true });
    expect(await flagged()).toHaveLength(3);

    const left = await t.h['charter.deleteRule']({ workspaceId: ws, ruleId: 'b' });
    expect(left.rules.map((r) => r.id)).toEqual(['a']);
    expect(await flagged()).toEqual(['Quelle arnaque ce projet|Projet|projet', 'Super projet, merci|Projet|projet']);
  });

  it('refuses a rule that is gone or a pattern that could hang, and keeps the charter as it was', async () => {
    const t = await inboxHarness();
    const ws = t.ws.id;
    await t.h['charter.saveRule']({ workspaceId: ws, rule: rule('a', { kind: 'words', terms: ['arnaque'] }) });
    expect(await refusal(() => t.h['charter.setRuleEnabled']({ workspaceId: ws, ruleId: 'nope', enabled: false }))).toMatchObject({ code: 'charter_rule_not_found', params: { ruleId: 'nope' } });
    expect(await refusal(() => t.h['charter.deleteRule']({ workspaceId: ws, ruleId: 'nope' }))).toMatchObject({ code: 'charter_rule_not_found' });
    expect(await refusal(() => t.h['charter.saveRule']({ workspaceId: ws, rule: rule('a', { kind: 'regex', pattern: '(a+)+$', caseInsensitive: true }) }))).toMatchObject({
      code: 'charter_rule_refused',
      params: { reason: 'regex_nested_quantifier' },
    });
    expect((await t.h['charter.get']({ workspaceId: ws })).rules.map((r) => r.match.kind)).toEqual(['words']);
  });

  it('tests every kind on a sample text, and live on what is cached', async () => {
    const t = await inboxHarness();
    const ws = t.ws.id;
    const wave = 'Gagnez un iPhone gratuit ici maintenant';
    const now = t.clock.now();
    await t.column('home', [
      entry(1, { text: wave, author: actor(1), createdAt: now - 60_000 }),
      entry(2, { text: wave, author: actor(2), createdAt: now - 120_000 }),
      entry(3, { text: 'REGARDEZ CE SCANDALE INCROYABLE AU PORT', createdAt: now - 180_000 }),
      entry(4, { text: 'Belle journée au port', createdAt: now - 240_000 }),
    ]);
    const test = (match: CharterMatcher, sample?: string, sampleAuthor?: { ageDays?: number; emptyProfile?: boolean }) =>
      t.h['charter.test']({ workspaceId: ws, rule: rule('x', match), ...(sample === undefined ? {} : { sample }), ...(sampleAuthor ? { sampleAuthor } : {}) });
    const matched = async (...args: Parameters<typeof test>) => (await test(...args)).sample.map((f) => f.matched);

    expect(await matched({ kind: 'words', terms: ["l'arnaque"] }, 'Encore L’ARNAQUE du siècle')).toEqual(["l'arnaque"]);
    expect(await matched({ kind: 'regex', pattern: '0[67]\\d{8}', caseInsensitive: true }, 'Appelez le 0612345678')).toEqual(['0612345678']);
    expect(await matched({ kind: 'link_domains', domains: ['arnaque.example'] }, 'Voir https://promo.arnaque.example/x')).toEqual(['promo.arnaque.example']);
    expect(await matched({ kind: 'link_domains', domains: ['arnaque.example'] }, 'Voir https://port.example/x')).toEqual([]);
    expect(await matched({ kind: 'mass_mentions', min: 3 }, '@a @b @c regardez')).toEqual(['mentions:3']);
    expect(await matched({ kind: 'all_caps', minLetters: 10, ratio: 0.9 }, 'CECI EST UN SCANDALE')).toEqual(['all_caps']);
    // A spam wave: the sample's text from a third author, with the two cached ones.
    expect(await matched({ kind: 'spam_wave', minAuthors: 3, windowMinutes: 60 }, wave)).toEqual(['spam_wave:3']);
    expect(await matched({ kind: 'spam_wave', minAuthors: 4, windowMinutes: 60 }, wave)).toEqual([]);
    // An account rule reads the sample's author.
    expect(await matched({ kind: 'new_account', maxAgeDays: 7, emptyProfile: false }, 'Bonjour', { ageDays: 2 })).toEqual(['new_account:2']);
    expect(await matched({ kind: 'new_account', maxAgeDays: 7, emptyProfile: false }, 'Bonjour', { ageDays: 30 })).toEqual([]);
    expect(await matched({ kind: 'new_account', maxAgeDays: 7, emptyProfile: true }, 'Bonjour', { ageDays: 30, emptyProfile: true })).toEqual(['empty_account']);

    // Live: what the rule would flag among the cached items.
    const live = async (match: CharterMatcher) => (await test(match)).matches.map((m) => `${m.text}|${m.matched}`).sort();
    expect(await live({ kind: 'spam_wave', minAuthors: 2, windowMinutes: 60 })).toEqual([`${wave}|spam_wave:2`, `${wave}|spam_wave:2`]);
    expect(await live({ kind: 'all_caps', minLetters: 10, ratio: 0.9 })).toEqual(['REGARDEZ CE SCANDALE INCROYABLE AU PORT|all_caps']);
    expect((await test({ kind: 'words', terms: ['port'] })).scanned).toBe(4);
  });
});
