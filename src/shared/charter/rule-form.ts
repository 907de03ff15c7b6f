/**
 * The charter editor's one rule book: a rule as the form edits it (texts and switches for every
 * kind the engine runs), and the rule it makes or the problems that stop it, as codes the
 * renderer translates (field + code + bounds). Regular expressions are checked for catastrophic
 * shapes by the core (charter.test, charter.saveRule); here only that a pattern is given.
 */
import type { CharterAction, CharterMatcher, CharterRule, CharterSeverity } from './schema';
import type { z } from 'zod';

export const RULE_KINDS = ['words', 'regex', 'link_domains', 'mass_mentions', 'all_caps', 'spam_wave', 'new_account'] as const satisfies readonly CharterMatcher['kind'][];
export type RuleKind = (typeof RULE_KINDS)[number];
export const SEVERITIES = ['info', 'warning', 'critical'] as const satisfies readonly z.infer<typeof CharterSeverity>[];
export const ACTIONS = ['flag', 'hide', 'report', 'reply'] as const satisfies readonly z.infer<typeof CharterAction>[];
/** Only these actions can run without asking (after the page of items is stored; always logged). */
export const AUTOMATIC_ACTIONS: readonly z.infer<typeof CharterAction>[] = ['hide', 'report'];

export interface RuleForm {
  name: string;
  severity: z.infer<typeof CharterSeverity>;
  action: z.infer<typeof CharterAction>;
  automatic: boolean;
  enabled: boolean;
  kind: RuleKind;
  /** words: terms separated by commas or lines. */
  terms: string;
  pattern: string;
  caseInsensitive: boolean;
  /** link_domains: separated by commas, spaces or lines; a pasted link gives its domain. */
  domains: string;
  /** mass_mentions: at least this many mentions. */
  minMentions: string;
  minLetters: string;
  /** all_caps: share of capitals, in percent. */
  capsPercent: string;
  minAuthors: string;
  windowMinutes: string;
  maxAgeDays: string;
  emptyProfile: boolean;
}

export type RuleField = keyof RuleForm;
export type RuleProblemCode = 'required' | 'out_of_range' | 'domain_invalid' | 'automatic_action';
export interface RuleProblem {
  field: RuleField;
  code: RuleProblemCode;
  params?: { min?: number; max?: number; value?: string };
}

/** The numbers each kind reads, with the engine's bounds (schema.ts). */
export const RULE_BOUNDS = {
  minMentions: { min: 2, max: 100 },
  minLetters: { min: 5, max: 1000 },
  capsPercent: { min: 50, max: 100 },
  minAuthors: { min: 2, max: 100 },
  windowMinutes: { min: 1, max: 7 * 24 * 60 },
  maxAgeDays: { min: 0, max: 365 },
} as const;

export const emptyRuleForm = (): RuleForm => ({
  name: '',
  severity: 'warning',
  action: 'flag',
  automatic: false,
  enabled: true,
  kind: 'words',
  terms: '',
  pattern: '',
  caseInsensitive: true,
  domains: '',
  minMentions: '5',
  minLetters: '20',
  capsPercent: '90',
  minAuthors: '3',
  windowMinutes: '60',
  maxAgeDays: '7',
  emptyProfile: true,
});

/** The form showing a saved rule (its kind's values; the other kinds keep their defaults). */
export function formOfRule(rule: CharterRule): RuleForm {
  const base = { ...emptyRuleForm(), name: rule.name, severity: rule.severity, action: rule.action, automatic: rule.automatic, enabled: rule.enabled, kind: rule.match.kind };
  const m = rule.match;
  switch (m.kind) {
    case 'words':
      return { ...base, terms: m.terms.join(', ') };
    case 'regex':
      return { ...base, pattern: m.pattern, caseInsensitive: m.caseInsensitive };
    case 'link_domains':
      return { ...base, domains: m.domains.join(', ') };
    case 'mass_mentions':
      return { ...base, minMentions: String(m.min) };
    case 'all_caps':
      return { ...base, minLetters: String(m.minLetters), capsPercent: String(Math.round(m.ratio * 100)) };
    case 'spam_wave':
      return { ...base, minAuthors: String(m.minAuthors), windowMinutes: String(m.windowMinutes) };
    case 'new_account':
      return { ...base, maxAgeDays: String(m.maxAgeDays), emptyProfile: m.emptyProfile };
  }
}

const list = (text: string, separators: RegExp) => [...new Set(text.split(separators).map((v) => v.trim()).filter(Boolean))];
const DOMAIN = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** "https://Arnaque.example/x" -> "arnaque.example"; a domain stays itself. */
export function domainOf(value: string): string {
  const v = value.trim().toLowerCase();
  const host = /^[a-z][a-z0-9+.-]*:\/\//.test(v) ? v.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/)[0]! : v;
  return host.replace(/\.$/, '');
}

/** The rule the form describes (with this id), or what stops it, field by field. */
export function ruleOfForm(id: string, form: RuleForm): { ok: true; rule: CharterRule } | { ok: false; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (!form.name.trim()) problems.push({ field: 'name', code: 'required' });
  if (form.automatic && !AUTOMATIC_ACTIONS.includes(form.action)) problems.push({ field: 'automatic', code: 'automatic_action' });
  const int = (field: keyof typeof RULE_BOUNDS): number => {
    const bounds = RULE_BOUNDS[field];
    const raw = form[field].trim();
    const value = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
    if (!raw) problems.push({ field, code: 'required' });
    else if (!(value >= bounds.min && value <= bounds.max)) problems.push({ field, code: 'out_of_range', params: { ...bounds } });
    return value;
  };
  let match: CharterMatcher | null = null;
  switch (form.kind) {
    case 'words': {
      const terms = list(form.terms, /[,\n]/);
      if (terms.length === 0) problems.push({ field: 'terms', code: 'required' });
      match = { kind: 'words', terms: terms.map((t) => t.slice(0, 200)).slice(0, 500) };
      break;
    }
    case 'regex':
      if (!form.pattern.trim()) problems.push({ field: 'pattern', code: 'required' });
      match = { kind: 'regex', pattern: form.pattern.slice(0, 500), caseInsensitive: form.caseInsensitive };
      break;
    case 'link_domains': {
      const domains = list(form.domains, /[,\s]+/).map(domainOf);
      if (domains.length === 0) problems.push({ field: 'domains', code: 'required' });
      const bad = domains.find((d) => !DOMAIN.test(d));
      if (bad !== undefined) problems.push({ field: 'domains', code: 'domain_invalid', params: { value: bad } });
      match = { kind: 'link_domains', domains: [...new Set(domains)].slice(0, 500) };
      break;
    }
    case 'mass_mentions':
      match = { kind: 'mass_mentions', min: int('minMentions') };
      break;
    case 'all_caps':
      match = { kind: 'all_caps', minLetters: int('minLetters'), ratio: int('capsPercent') / 100 };
      break;
    case 'spam_wave':
      match = { kind: 'spam_wave', minAuthors: int('minAuthors'), windowMinutes: int('windowMinutes') };
      break;
    case 'new_account':
      match = { kind: 'new_account', maxAgeDays: int('maxAgeDays'), emptyProfile: form.emptyProfile };
      break;
  }
  if (problems.length > 0 || !match) return { ok: false, problems };
  return { ok: true, rule: { id, name: form.name.trim().slice(0, 120), severity: form.severity, action: form.action, automatic: form.automatic, enabled: form.enabled, match } };
}

/** The rules that read only an item's text, so a sample text alone can trigger them; the others read its author or other items. */
export const TEXT_KINDS: readonly RuleKind[] = ['words', 'regex', 'link_domains', 'mass_mentions', 'all_caps'];
