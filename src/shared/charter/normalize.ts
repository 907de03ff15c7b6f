/**
 * Text folded for matching a charter in French and English: lower case, accents removed,
 * typographic apostrophes made plain, French elisions (l', d', qu', jusqu'...) split from their
 * word, so "L’ARNAQUE" matches "arnaque" and "Débile" matches "debile". Pure; runs anywhere.
 */

const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);

/** Lower case, no diacritics, plain apostrophes and spaces. */
export function fold(text: string): string {
  // Most items are plain ASCII: no accents to strip, no typographic apostrophes to straighten.
  if (ASCII.test(text)) return text.replace(SPACES, ' ').toLowerCase();
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .toLowerCase()
    .replace(LIGATURES, (c) => LIGATURE_MAP[c]!);
}

const ASCII = /^[\t\n\r -~]*$/;
const SPACES = /\s+/g;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const LIGATURES = /[œæß]/g;
const LIGATURE_MAP: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

const SEPARATORS = /[^\p{L}\p{N}']+/u;
const EDGE_APOSTROPHES = /^'+|'+$/g;

/** The words of a folded text, elisions split off ("l'arnaque" -> "arnaque"). */
export function words(folded: string): string[] {
  const out: string[] = [];
  for (const raw of folded.split(SEPARATORS)) {
    // Apostrophes only join letters: "'hello'" is hello.
    const word = raw.replace(EDGE_APOSTROPHES, '');
    if (word === '') continue;
    const parts = word.split("'");
    if (parts.length === 1 || word === "aujourd'hui") {
      out.push(word);
      continue;
    }
    // "l'arnaque", "qu'il", "jusqu'ici": the elided article goes; "don't" stays two words on both sides.
    out.push(...(ELISIONS.has(parts[0]!) ? parts.slice(1) : parts).filter((p) => p !== ''));
  }
  return out;
}

/** A term (word or phrase) as folded words, ready to be found in an item's words. */
export const termWords = (term: string): string[] => words(fold(term));

/** Where the term's words appear in order, as whole words; -1 when they do not. */
export function findPhrase(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0 || needle.length > haystack.length) return -1;
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The links written in a text (a draft or a sample has no spans): what link-domain rules read. */
export const textLinks = (text: string): string[] => text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
