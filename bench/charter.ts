/**
 * The moderation charter: 50 rules (words and phrases, regular expressions, link domains, mass
 * mentions, capitals, spam waves) over 100,000 items in batches of 500, as the core runs them on
 * a column's refresh, and the added latency of one incoming item alone.
 */
import { CharterEngine } from '../src/main/core/charter/engine';
import { Charter, type CharterItem } from '../src/shared/charter/schema';
import { percentile, round } from './stats';

const WORDS = ['port', 'festival', 'lanternes', 'marée', 'bateau', 'horaires', 'merci', 'super', 'ferry', 'plage', 'hotel', 'musée', 'visite', 'guide', 'soleil'];

export function charter(): Charter {
  const rules = [];
  for (let i = 0; i < 40; i++) {
    rules.push({ id: `w${i}`, name: `Mots ${i}`, severity: 'warning', action: 'flag', match: { kind: 'words', terms: [`insulte${i}`, `gros mot ${i}`, `arnaque${i}`, `spam${i}`, `escroc${i}`] } });
  }
  for (let i = 0; i < 5; i++) rules.push({ id: `r${i}`, name: `Regex ${i}`, severity: 'warning', action: 'flag', match: { kind: 'regex', pattern: `\\b(promo|gratuit)${i}\\s+\\d+\\s*%`, caseInsensitive: true } });
  rules.push({ id: 'links', name: 'Liens', severity: 'critical', action: 'hide', match: { kind: 'link_domains', domains: ['spam.example', 'win.example'] } });
  rules.push({ id: 'mentions', name: 'Mentions', severity: 'warning', action: 'flag', match: { kind: 'mass_mentions', min: 5 } });
  rules.push({ id: 'caps', name: 'Majuscules', severity: 'info', action: 'flag', match: { kind: 'all_caps', minLetters: 20, ratio: 0.9 } });
  rules.push({ id: 'wave', name: 'Vague', severity: 'critical', action: 'report', match: { kind: 'spam_wave', minAuthors: 3, windowMinutes: 60 } });
  rules.push({ id: 'new', name: 'Nouveaux comptes', severity: 'info', action: 'flag', match: { kind: 'new_account', maxAgeDays: 7, emptyProfile: true } });
  return Charter.parse({ format: 'tribune-charter', version: 1, rules });
}

function items(count: number, now: number): CharterItem[] {
  const out: CharterItem[] = [];
  for (let i = 0; i < count; i++) {
    const text = (i % 1000 < 3 ? 'Gagnez un iPhone gratuit en cliquant ici ' : '') + `${Array.from({ length: 25 }, (_, j) => WORDS[(i * 7 + j * 3 + (i >> 4)) % WORDS.length]).join(' ')} n${i}` + (i % 50 === 0 ? ` insulte${i % 40}` : '') + (i % 97 === 0 ? ' PROMO2 30 %' : '');
    out.push({ id: `i${i}`, text, authorId: `a${i % 300}`, at: now - (count - i) * 1000, links: i % 200 === 0 ? ['https://win.spam.example/x'] : [], author: { createdAt: now - (i % 400) * 86_400_000, hasAvatar: true, hasBio: true, postsCount: 10 } });
  }
  return out;
}

export async function benchCharter() {
  const now = Date.parse('2026-12-01T10:00:00Z');
  const engine = new CharterEngine(charter());
  const all = items(100_000, now);
  const started = performance.now();
  let flags = 0;
  for (let i = 0; i < all.length; i += 500) flags += engine.evaluate(all.slice(i, i + 500), now).flags.length;
  const seconds = (performance.now() - started) / 1000;
  // One incoming item, with the last hour of the column as the spam-wave history.
  const recent = all.slice(-500);
  const single: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    engine.evaluate([all[i]!], now, recent);
    single.push(performance.now() - t);
  }
  return {
    rules: 50,
    items: all.length,
    flags,
    itemsPerSecond: Math.round(all.length / seconds),
    incomingItemLatencyMs: { p50: round(percentile(single, 50)), p99: round(percentile(single, 99)) },
  };
}
