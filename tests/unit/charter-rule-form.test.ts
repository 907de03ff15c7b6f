/** The charter editor's rule book: a form for every kind makes the engine's rule, a saved rule reads back the same, and what is wrong comes back as field + code. */
import { describe, expect, it } from 'vitest';
import { CharterRule } from '../../src/shared/charter/schema';
import { domainOf, emptyRuleForm, formOfRule, RULE_KINDS, ruleOfForm, type RuleForm } from '../../src/shared/charter/rule-form';

const form = (over: Partial<RuleForm>): RuleForm => ({ ...emptyRuleForm(), name: 'Règle', ...over });

describe('the charter rule form', () => {
  it('makes a valid rule of every kind the engine runs, and reads it back unchanged', () => {
    const forms: RuleForm[] = [
      form({ kind: 'words', terms: 'arnaque, débile\nl’escroquerie, arnaque' }),
      form({ kind: 'regex', pattern: '0[67]\\d{8}', caseInsensitive: false }),
      form({ kind: 'link_domains', domains: 'https://Promo.Arnaque.example/offre spam.example, *.bad.example' }),
      form({ kind: 'mass_mentions', minMentions: '8' }),
      form({ kind: 'all_caps', minLetters: '15', capsPercent: '80' }),
      form({ kind: 'spam_wave', minAuthors: '4', windowMinutes: '30' }),
      form({ kind: 'new_account', maxAgeDays: '3', emptyProfile: false, severity: 'critical', action: 'hide', automatic: true }),
    ];
    expect(forms.map((f) => f.kind)).toEqual([...RULE_KINDS]);
    const rules = forms.map((f, i) => {
      const made = ruleOfForm(`r${i}`, f);
      if (!made.ok) throw new Error(JSON.stringify(made.problems));
      expect(CharterRule.parse(made.rule)).toEqual(made.rule);
      return made.rule;
    });
    expect(rules.map((r) => r.match)).toEqual([
      { kind: 'words', terms: ['arnaque', 'débile', 'l’escroquerie'] },
      { kind: 'regex', pattern: '0[67]\\d{8}', caseInsensitive: false },
      { kind: 'link_domains', domains: ['promo.arnaque.example', 'spam.example', '*.bad.example'] },
      { kind: 'mass_mentions', min: 8 },
      { kind: 'all_caps', minLetters: 15, ratio: 0.8 },
      { kind: 'spam_wave', minAuthors: 4, windowMinutes: 30 },
      { kind: 'new_account', maxAgeDays: 3, emptyProfile: false },
    ]);
    expect(rules[6]).toMatchObject({ severity: 'critical', action: 'hide', automatic: true, enabled: true });
    for (const r of rules) expect(ruleOfForm(r.id, formOfRule(r))).toEqual({ ok: true, rule: r });
  });

  it('says what is missing or wrong, field by field, with the bounds', () => {
    const problems = (f: RuleForm) => {
      const made = ruleOfForm('x', f);
      return made.ok ? [] : made.problems;
    };
    expect(problems(form({ name: ' ', terms: ' , ' }))).toEqual([
      { field: 'name', code: 'required' },
      { field: 'terms', code: 'required' },
    ]);
    expect(problems(form({ kind: 'regex', pattern: '' }))).toEqual([{ field: 'pattern', code: 'required' }]);
    expect(problems(form({ kind: 'link_domains', domains: 'arnaque.example, pas un domaine!' }))).toEqual([{ field: 'domains', code: 'domain_invalid', params: { value: 'pas' } }]);
    expect(problems(form({ kind: 'mass_mentions', minMentions: '1' }))).toEqual([{ field: 'minMentions', code: 'out_of_range', params: { min: 2, max: 100 } }]);
    expect(problems(form({ kind: 'all_caps', minLetters: '', capsPercent: '40' }))).toEqual([
      { field: 'minLetters', code: 'required' },
      { field: 'capsPercent', code: 'out_of_range', params: { min: 50, max: 100 } },
    ]);
    expect(problems(form({ kind: 'spam_wave', windowMinutes: '2.5' }))).toEqual([{ field: 'windowMinutes', code: 'out_of_range', params: { min: 1, max: 10080 } }]);
    expect(problems(form({ kind: 'new_account', maxAgeDays: '366' }))).toEqual([{ field: 'maxAgeDays', code: 'out_of_range', params: { min: 0, max: 365 } }]);
    // Acting without asking is for hiding or reporting only.
    expect(problems(form({ terms: 'arnaque', automatic: true, action: 'flag' }))).toEqual([{ field: 'automatic', code: 'automatic_action' }]);
    expect(problems(form({ terms: 'arnaque', automatic: true, action: 'report' }))).toEqual([]);
  });

  it('takes a pasted link for its domain', () => {
    expect(domainOf('https://Promo.Arnaque.example:8443/offre?x=1')).toBe('promo.arnaque.example');
    expect(domainOf(' arnaque.example. ')).toBe('arnaque.example');
  });
});
