/**
 * Runs a workspace's charter over items (incoming ones, cached ones, the brand's own drafts) and
 * says which rule flags which item and on what text. Word rules share one index (first word ->
 * phrases), so an item costs one pass over its words whatever the number of terms; regular
 * expressions run per rule over the whole batch under a time bound (regex-guard.ts).
 */
import type { Charter, CharterFlag, CharterItem, CharterRule } from '../../../shared/charter/schema';
import { findPhrase, fold, termWords, words } from '../../../shared/charter/normalize';
import { runPattern } from './regex-guard';

interface Phrase {
  rule: CharterRule;
  words: string[];
  term: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A rule that could not run on this batch (a pattern out of time): the item is not flagged by it, and the person is told. */
export interface CharterRuleFailure {
  ruleId: string;
  code: 'regex_timeout';
}

export interface CharterRun {
  flags: CharterFlag[];
  failures: CharterRuleFailure[];
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
};

const flagOf = (item: CharterItem, rule: CharterRule, matched: string): CharterFlag => ({
  itemId: item.id,
  ruleId: rule.id,
  ruleName: rule.name,
  severity: rule.severity,
  action: rule.action,
  automatic: rule.automatic,
  matched,
});

/**
 * An account rule on an item's author, on what the network said only (an unknown fact never
 * matches): `new_account:<days>` when the account is at most maxAgeDays old, else
 * `empty_account` when it is known to have no avatar, no bio and at most this one post.
 */
function accountSignal(item: CharterItem, maxAgeDays: number, emptyProfile: boolean, now: number): string | null {
  const a = item.author;
  if (!a) return null;
  if (typeof a.createdAt === 'number' && Number.isFinite(a.createdAt) && now - a.createdAt <= maxAgeDays * DAY_MS) {
    return `new_account:${Math.max(0, Math.floor((now - a.createdAt) / DAY_MS))}`;
  }
  const empty = a.hasAvatar === false && a.hasBio === false && typeof a.postsCount === 'number' && a.postsCount <= 1;
  return emptyProfile && empty ? 'empty_account' : null;
}

export class CharterEngine {
  private readonly rules: CharterRule[];
  private readonly byFirstWord = new Map<string, Phrase[]>();
  /** Spam-wave keys of items already seen (a column's recent items come back with every batch). */
  private readonly waveKeys = new WeakMap<CharterItem, string>();

  constructor(charter: Charter, private readonly options: { regexTimeoutMs?: number } = {}) {
    this.rules = charter.rules.filter((r) => r.enabled);
    for (const rule of this.rules) {
      if (rule.match.kind !== 'words') continue;
      for (const term of rule.match.terms) {
        const w = termWords(term);
        if (w.length === 0) continue;
        const list = this.byFirstWord.get(w[0]!) ?? [];
        list.push({ rule, words: w, term });
        this.byFirstWord.set(w[0]!, list);
      }
    }
  }

  /**
   * Every flag for these items. `recent` are items seen before (for spam waves across batches);
   * `now` is the clock's instant (for account age).
   */
  evaluate(items: readonly CharterItem[], now: number, recent: readonly CharterItem[] = []): CharterRun {
    const flags: CharterFlag[] = [];
    const failures: CharterRuleFailure[] = [];
    const folded = items.map((item) => fold(item.text));
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const itemWords = words(folded[i]!);
      const seen = new Set<string>();
      for (let w = 0; w < itemWords.length; w++) {
        for (const phrase of this.byFirstWord.get(itemWords[w]!) ?? []) {
          if (seen.has(phrase.rule.id)) continue;
          if (findPhrase(itemWords.slice(w, w + phrase.words.length), phrase.words) === 0) {
            seen.add(phrase.rule.id);
            flags.push(flagOf(item, phrase.rule, phrase.term));
          }
        }
      }
    }
    for (const rule of this.rules) {
      const m = rule.match;
      switch (m.kind) {
        case 'words':
          break;
        case 'regex': {
          const run = runPattern(m.pattern, m.caseInsensitive, items.map((item) => item.text), this.options.regexTimeoutMs);
          if (!run.ok) failures.push({ ruleId: rule.id, code: run.code });
          else for (const [index, matched] of run.hits) flags.push(flagOf(items[index]!, rule, matched));
          break;
        }
        case 'link_domains': {
          const domains = m.domains.map((d) => d.replace(/^\*?\./, ''));
          for (const item of items) {
            const hit = (item.links ?? []).map(hostOf).find((host) => host && domains.some((d) => host === d || host.endsWith(`.${d}`)));
            if (hit) flags.push(flagOf(item, rule, hit));
          }
          break;
        }
        case 'mass_mentions':
          for (const item of items) {
            const count = item.mentions ?? (item.text.match(/(^|\s)@[\w.-]+/gu)?.length ?? 0);
            if (count >= m.min) flags.push(flagOf(item, rule, `mentions:${count}`));
          }
          break;
        case 'all_caps':
          for (const item of items) {
            const letters = [...item.text].filter((c) => /\p{L}/u.test(c));
            const upper = letters.filter((c) => c !== c.toLowerCase() && c === c.toUpperCase()).length;
            if (letters.length >= m.minLetters && upper / letters.length >= m.ratio) flags.push(flagOf(item, rule, 'all_caps'));
          }
          break;
        case 'spam_wave':
          flags.push(...this.spamWaves(rule, m.minAuthors, m.windowMinutes * 60_000, items, recent));
          break;
        case 'new_account':
          for (const item of items) {
            const matched = accountSignal(item, m.maxAgeDays, m.emptyProfile, now);
            if (matched) flags.push(flagOf(item, rule, matched));
          }
          break;
      }
    }
    return { flags, failures };
  }

  /** The same text (folded, links and mentions aside) from at least minAuthors authors within the window. */
  private spamWaves(rule: CharterRule, minAuthors: number, windowMs: number, items: readonly CharterItem[], recent: readonly CharterItem[]): CharterFlag[] {
    const key = (item: CharterItem) => {
      let k = this.waveKeys.get(item);
      if (k === undefined) {
        k = words(fold(item.text.replace(/https?:\/\/\S+/g, ' ').replace(/@[\w.-]+/g, ' '))).join(' ');
        this.waveKeys.set(item, k);
      }
      return k;
    };
    const byText = new Map<string, CharterItem[]>();
    for (const item of [...recent, ...items]) {
      const k = key(item);
      if (k.split(' ').length < 3) continue; // "merci !" from many people is not a wave
      const list = byText.get(k) ?? [];
      list.push(item);
      byText.set(k, list);
    }
    const flags: CharterFlag[] = [];
    const fresh = new Set(items.map((i) => i.id));
    for (const list of byText.values()) {
      for (const item of list) {
        if (!fresh.has(item.id)) continue;
        const authors = new Set(list.filter((other) => Math.abs(other.at - item.at) <= windowMs).map((other) => other.authorId));
        if (authors.size >= minAuthors) flags.push(flagOf(item, rule, `spam_wave:${authors.size}`));
      }
    }
    return flags;
  }
}
