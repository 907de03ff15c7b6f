/**
 * Thread mode: a text too long for one post becomes numbered posts, each within the target's limits.
 *
 * The text is cut only where it has breaking white space (never at a no-break space, so "Quoi\u202F?" stays
 * whole), hence never inside a URL, a mention or a hashtag. Each post is filled as far as it fits, then cut at
 * the best place it reached: a blank line, else the end of a sentence or a line, else between words, else before
 * punctuation standing alone ("Quoi ?"). A single word longer than a whole post (a URL beyond Bluesky's 300, say)
 * starts a post of its own and is cut between graphemes, never inside one (after a "。" when one is near the
 * end, for Chinese or Japanese written without spaces). The " 3/7" numbering counts within each post's limit.
 */
import { countText } from './count';
import { graphemeCount, splitGraphemes, utf8ByteLength } from './graphemes';
import type { TextLimits } from './limits';

export interface SplitThreadOptions {
  /** Append " 1/3" style numbering to every post (default true). */
  numbering?: boolean;
}

/** Where a cut may fall before an atom; a higher value is a better place. */
const Cut = { Paragraph: 4, Sentence: 3, Word: 2, BeforePunctuation: 1, InsideWord: 0 } as const;
type Cut = (typeof Cut)[keyof typeof Cut];

interface Atom {
  text: string;
  /** The white space written before it, kept when it stays in the same post. */
  gap: string;
  cut: Cut;
}

// Breaking white space: \p{White_Space} without the no-break spaces (U+00A0, U+2007, U+202F).
const BREAKING = '\\t\\n\\v\\f\\r \\u0085\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000';
const SPACES_OR_WORD = new RegExp(`([${BREAKING}]+)|([^${BREAKING}]+)`, 'gu');
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/gu;
const SENTENCE_END = /[.!?…‼⁇⁈⁉。！？][)\]"'»”’]*$/u;
const CLOSING_SENTENCE = /^[。！？｡]$/u;
const LONE_PUNCTUATION = /^[!?;:»”’)\]},.…%‼⁇⁈⁉。！？]+$/u;

/** The text as words ("atoms": runs without breaking white space), each with the cut it allows before it. */
function atomize(text: string): Atom[] {
  const atoms: Atom[] = [];
  let gap = '';
  for (const m of text.matchAll(SPACES_OR_WORD)) {
    if (m[1] !== undefined) {
      gap += m[1];
      continue;
    }
    const word = m[2] ?? '';
    const previous = atoms.at(-1);
    let cut: Cut = Cut.Word;
    const lineBreaks = gap.match(LINE_BREAKS)?.length ?? 0;
    if (previous === undefined || lineBreaks >= 2) cut = Cut.Paragraph;
    else if (LONE_PUNCTUATION.test(word)) cut = Cut.BeforePunctuation;
    else if (lineBreaks === 1 || SENTENCE_END.test(previous.text)) cut = Cut.Sentence;
    atoms.push({ text: word, gap, cut });
    gap = '';
  }
  return atoms;
}

function join(atoms: readonly Atom[], from: number, to: number): string {
  let text = atoms[from]?.text ?? '';
  for (let i = from + 1; i < to; i++) {
    const atom = atoms[i] as Atom;
    text += atom.gap + atom.text;
  }
  return text;
}

/**
 * Largest n in [1, limit] with fits(n) (fits is monotone), or 0 when even 1 does not fit. Starts from a guess
 * (sums of the pieces' own counts, nearly always right) so that a post usually costs two exact counts.
 */
function largestFitting(limit: number, guess: number, fits: (n: number) => boolean): number {
  let good = 0;
  let bad = limit + 1;
  const first = Math.min(Math.max(guess, 1), limit);
  if (fits(first)) {
    good = first;
    for (let step = 1; good < limit; step *= 2) {
      const probe = Math.min(limit, good + step);
      if (!fits(probe)) {
        bad = probe;
        break;
      }
      good = probe;
    }
  } else {
    bad = first;
    for (let step = 1; bad > 1; step *= 2) {
      const probe = Math.max(1, bad - step);
      if (fits(probe)) {
        good = probe;
        break;
      }
      bad = probe;
    }
    if (good === 0) return 0;
  }
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

interface Size {
  chars: number;
  bytes: number;
}

interface Budget {
  /** The text with the number reserve appended fits the limits. */
  fits(text: string): boolean;
  /** What the network counts for a piece on its own, and its UTF-8 bytes. */
  chars: number;
  bytes: number;
}

/** How many of the measured pieces fit by adding their own counts (a guess: joined, a text may count a little differently). */
function guessCount(sizes: readonly Size[], budget: Budget): number {
  let chars = 0;
  let bytes = 0;
  let n = 0;
  for (const size of sizes) {
    chars += size.chars;
    bytes += size.bytes;
    if (chars > budget.chars || bytes > budget.bytes) break;
    n++;
  }
  return n;
}

/** Cuts words that cannot fit even alone into grapheme pieces that do. */
function breakLongWords(atoms: readonly Atom[], wordSizes: readonly Size[], budget: Budget): Atom[] {
  const result: Atom[] = [];
  for (const [index, atom] of atoms.entries()) {
    const size = wordSizes[index] as Size;
    // Far enough under the budget, a word fits: counting it exactly again would be wasted.
    if ((size.chars <= budget.chars - 4 && size.bytes <= budget.bytes - 16) || budget.fits(atom.text)) {
      result.push(atom);
      continue;
    }
    const graphemes = splitGraphemes(atom.text);
    const sizes = graphemes.map((g) => ({ chars: 1, bytes: utf8ByteLength(g) }));
    let start = 0;
    while (start < graphemes.length) {
      const piece = (n: number) => graphemes.slice(start, start + n).join('');
      const guess = guessCount(sizes.slice(start, start + budget.chars + 1), budget);
      let n = largestFitting(graphemes.length - start, guess, (k) => budget.fits(piece(k)));
      if (n === 0) throw new RangeError('splitThread: the limits are too small to hold a single character');
      // Text without spaces (Chinese, Japanese): rather end the piece after a sentence in its second half.
      if (start + n < graphemes.length) {
        for (let k = n; k > n / 2; k--) {
          if (CLOSING_SENTENCE.test(graphemes[start + k - 1] as string)) {
            n = k;
            break;
          }
        }
      }
      result.push(start === 0 ? { text: piece(n), gap: atom.gap, cut: atom.cut } : { text: piece(n), gap: '', cut: Cut.InsideWord });
      start += n;
    }
  }
  return result;
}

function pack(atoms: readonly Atom[], measure: (text: string) => Size, budget: Budget): string[] {
  const wordSizes = atoms.map((atom) => measure(atom.text));
  const gapSizes = atoms.map((atom) => ({ chars: graphemeCount(atom.gap), bytes: utf8ByteLength(atom.gap) }));
  const parts: string[] = [];
  let from = 0;
  while (from < atoms.length) {
    const remaining = atoms.length - from;
    // The first word of a post goes without the white space before it.
    const sizes = [wordSizes[from] as Size];
    for (let i = from + 1; i < atoms.length && i <= from + budget.chars; i++) {
      const word = wordSizes[i] as Size;
      const gap = gapSizes[i] as Size;
      sizes.push({ chars: word.chars + gap.chars, bytes: word.bytes + gap.bytes });
    }
    const guess = guessCount(sizes, budget);
    const taken = largestFitting(remaining, guess, (n) => budget.fits(join(atoms, from, from + n)));
    if (taken === 0) throw new RangeError('splitThread: a word does not fit in a post');
    if (taken === remaining) {
      parts.push(join(atoms, from, atoms.length));
      break;
    }
    // Cut before the first word left out, or earlier at a better place (the latest of the best kind).
    let cutAt = from + taken;
    for (let i = from + taken; i > from; i--) {
      if ((atoms[i] as Atom).cut > (atoms[cutAt] as Atom).cut) cutAt = i;
    }
    parts.push(join(atoms, from, cutAt));
    from = cutAt;
  }
  return parts;
}

/** Suffix of post `index` (0-based) of `total`. */
function numberSuffix(index: number, total: number): string {
  return ` ${index + 1}/${total}`;
}

/**
 * Splits a text into posts that each fit `limits` (countText(part, limits).over === false).
 * A text that already fits is returned as it is, unnumbered; a blank text gives no post.
 */
export function splitThread(text: string, limits: TextLimits, options: SplitThreadOptions = {}): string[] {
  if (/^\p{White_Space}*$/u.test(text)) return [];
  if (!countText(text, limits).over) return [text];
  const numbering = options.numbering ?? true;
  const atoms = atomize(text);
  const measure = (piece: string): Size => ({ chars: countText(piece, limits).used, bytes: utf8ByteLength(piece) });
  const wordSizes = atoms.map((atom) => measure(atom.text));
  // Reserve room for the widest number of the thread ("9/9", "99/99"…), starting from a guess of its length;
  // widen and redo if the thread outgrows it.
  const totalChars = wordSizes.reduce((sum, size) => sum + size.chars + 1, 0);
  const firstGuess = String(Math.ceil(totalChars / Math.max(1, limits.maxCharacters - 4))).length;
  for (let digits = numbering ? firstGuess : 0; digits <= 7; digits++) {
    const widest = digits > 0 ? numberSuffix(10 ** digits - 2, 10 ** digits - 1) : '';
    const budget: Budget = {
      fits: (candidate) => !countText(candidate + widest, limits).over,
      chars: limits.maxCharacters - graphemeCount(widest),
      bytes: (limits.maxBytes ?? Number.POSITIVE_INFINITY) - utf8ByteLength(widest),
    };
    const parts = pack(breakLongWords(atoms, wordSizes, budget), measure, budget);
    if (!numbering) return parts;
    if (String(parts.length).length > digits) continue;
    const numbered = parts.map((part, i) => part + numberSuffix(i, parts.length));
    if (numbered.every((part) => !countText(part, limits).over)) return numbered;
  }
  throw new RangeError('splitThread: could not fit the thread within the limits');
}
