/**
 * RFC 5545 content lines: a strict tokenizer that reads a whole file in one pass into unfolded
 * content lines with their line numbers (so every refusal names its line). Pure.
 */
import { CalendarFileError } from './ics-text';

export interface ParamMap {
  [name: string]: string;
}

export interface ContentLine {
  name: string;
  params: ParamMap;
  value: string;
  /** 1-based physical line where the content line starts. */
  line: number;
}

const NAME = /^[A-Za-z0-9-]+$/;
/**
 * The names readers switch on, as the constants they are compared with: a name read from the
 * file is replaced by its constant, so each comparison is one identity check instead of a walk
 * along "X-TRIBUNE-..." text.
 */
const KNOWN_NAMES = new Map(
  [
    'BEGIN', 'END', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'TZID', 'DTSTART', 'TZOFFSETFROM', 'TZOFFSETTO', 'RRULE', 'TZNAME',
    'UID', 'RECURRENCE-ID', 'SEQUENCE', 'LAST-MODIFIED', 'DTSTAMP', 'CREATED', 'SUMMARY', 'DESCRIPTION', 'CATEGORIES', 'STATUS', 'DURATION', 'DTEND',
    'X-WR-CALNAME', 'X-WR-TIMEZONE', 'X-TRIBUNE-FORMAT', 'X-TRIBUNE-WORKSPACE', 'X-TRIBUNE-RANGE',
    'X-TRIBUNE-ID', 'X-TRIBUNE-KIND', 'X-TRIBUNE-STATUS', 'X-TRIBUNE-REVIEW', 'X-TRIBUNE-AT', 'X-TRIBUNE-TEXT', 'X-TRIBUNE-ZONE',
    'X-TRIBUNE-CONTENT', 'X-TRIBUNE-CAMPAIGN', 'X-TRIBUNE-LABEL', 'X-TRIBUNE-COMMENT', 'X-TRIBUNE-MEDIA', 'X-TRIBUNE-TARGET',
  ].map((n) => [n, n]),
);
const NO_PARAMS: ParamMap = Object.freeze({}) as ParamMap;
const step = (hash: number, c: number) => (Math.imul(hash, 31) + c) | 0;
/** The known names by a hash of their characters, so a name is found without copying it out of the text. */
const BY_HASH = new Map<number, string>();
for (const n of KNOWN_NAMES.keys()) {
  let h = 0;
  for (let i = 0; i < n.length; i++) h = step(h, n.charCodeAt(i));
  if (BY_HASH.has(h)) throw new Error(`name hash collision: ${n}`);
  BY_HASH.set(h, n);
}

/** src[from, from + known.length) is `known`. */
function isAt(src: string, from: number, known: string): boolean {
  for (let k = 0; k < known.length; k++) if (src.charCodeAt(from + k) !== known.charCodeAt(k)) return false;
  return true;
}

/** A name character (A-Z a-z 0-9 -): 1 uppercase or other, 2 lowercase, 0 not one. */
function nameChar(c: number): 0 | 1 | 2 {
  if (c >= 0x61 && c <= 0x7a) return 2;
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d ? 1 : 0;
}

/**
 * One unfolded content line, src[from, to): NAME *(;PARAM=value) : value. Null when it is not
 * one. Read in place (an unfolded line is never copied out of the file's text before its value).
 */
function parseContentLine(src: string, from: number, to: number, line: number): ContentLine | null {
  // The name, checked as it is read (a content line's name is what decides its handling).
  let i = from;
  let lower = false;
  let hash = 0;
  for (; i < to; i++) {
    const c = src.charCodeAt(i);
    const kind = nameChar(c);
    if (kind === 0) break;
    if (kind === 2) lower = true;
    hash = step(hash, c);
  }
  if (i === from || i === to) return null;
  const stop = src.charCodeAt(i);
  if (stop !== 0x3b && stop !== 0x3a) return null;
  const known = lower ? undefined : BY_HASH.get(hash);
  let name: string;
  if (known !== undefined && known.length === i - from && isAt(src, from, known)) name = known;
  else {
    const raw = src.slice(from, i);
    const upper = lower ? raw.toUpperCase() : raw;
    name = KNOWN_NAMES.get(upper) ?? upper;
  }
  if (stop === 0x3a) return { name, params: NO_PARAMS, value: src.slice(i + 1, to), line };
  const params: ParamMap = {};
  while (i < to && src.charCodeAt(i) === 0x3b) {
    i++;
    const eq = src.indexOf('=', i);
    if (eq < 0 || eq >= to) return null;
    const pname = src.slice(i, eq).toUpperCase();
    if (!NAME.test(pname)) return null;
    i = eq + 1;
    const values: string[] = [];
    for (;;) {
      if (i < to && src.charCodeAt(i) === 0x22) {
        const close = src.indexOf('"', i + 1);
        if (close < 0 || close >= to) return null;
        values.push(src.slice(i + 1, close));
        i = close + 1;
      } else {
        let j = i;
        for (; j < to; j++) {
          const c = src.charCodeAt(j);
          if (c === 0x3b || c === 0x3a || c === 0x2c) break;
        }
        values.push(src.slice(i, j));
        i = j;
      }
      if (i < to && src.charCodeAt(i) === 0x2c) {
        i++;
        continue;
      }
      break;
    }
    params[pname] = values.join(',');
  }
  if (i >= to || src.charCodeAt(i) !== 0x3a) return null;
  return { name, params, value: src.slice(i + 1, to), line };
}

/**
 * Unfolds and tokenizes a whole file, checking its structure: it starts with BEGIN:VCALENDAR,
 * every line is a content line, continuation lines continue something, BEGIN/END balance.
 * One pass over the text: physical lines end at CRLF, LF or a lone CR. Each content line goes
 * to `visit` as soon as it is read (so a reader can finish with it before the next one);
 * `depth` is the number of components open around it (a BEGIN counts itself, an END too).
 * A content line on one physical line is read in place; a folded one is joined first.
 */
export function scanContentLines(text: string, visit: (line: ContentLine, depth: number) => void): void {
  const open: string[] = [];
  let count = 0;
  // The pending content line: text[pendingStart, pendingEnd) when on one physical line, else `joined` (unfolded).
  let pendingStart = -1;
  let pendingEnd = 0;
  let joined: string[] | null = null;
  let pendingLine = 0;
  const flush = () => {
    if (pendingStart < 0) return;
    // A folded line is joined into one flat string (its pieces in an array: no chain of concatenations to walk).
    const src = joined === null ? text : joined.join('');
    const parsed = joined === null ? parseContentLine(text, pendingStart, pendingEnd, pendingLine) : parseContentLine(src, 0, src.length, pendingLine);
    if (!parsed) {
      // A name followed by text but no colon, or a line that starts mid-word: a fold that lost its space.
      const pending = joined === null ? text.slice(pendingStart, pendingEnd) : src;
      throw new CalendarFileError(/^[A-Za-z0-9-]+[;:]/.test(pending) ? 'calendar_bad_line' : count === 0 ? 'calendar_not_ical' : 'calendar_bad_folding', {
        line: pendingLine,
      });
    }
    if (count === 0 && !(parsed.name === 'BEGIN' && parsed.value.toUpperCase() === 'VCALENDAR')) {
      throw new CalendarFileError('calendar_not_ical', { line: parsed.line });
    }
    let depth = open.length;
    if (parsed.name === 'BEGIN') {
      open.push(parsed.value.toUpperCase());
      depth++;
    } else if (parsed.name === 'END') {
      if (open.length === 0 || open.pop() !== parsed.value.toUpperCase()) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    } else if (open.length === 0) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    count++;
    pendingStart = -1;
    joined = null;
    visit(parsed, depth);
  };
  /** The physical line text[start, end), number n. */
  const physical = (start: number, end: number, n: number) => {
    if (start === end) {
      // Blank lines are tolerated (many files end with one) but end the current line.
      flush();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === 0x20 || first === 0x09) {
      if (pendingStart < 0) throw new CalendarFileError(count === 0 ? 'calendar_not_ical' : 'calendar_bad_folding', { line: n });
      // Unfolding: the line end and the space or tab after it are dropped.
      if (joined === null) joined = [text.slice(pendingStart, pendingEnd)];
      joined.push(text.slice(start + 1, end));
      return;
    }
    flush();
    pendingStart = start;
    pendingEnd = end;
    pendingLine = n;
  };
  let n = 0;
  let pos = 0;
  let cr = text.indexOf('\r');
  for (;;) {
    let nl = text.indexOf('\n', pos);
    const last = nl < 0;
    if (last) nl = text.length;
    // A CR right before the LF belongs to the line end; any other CR ends a physical line too.
    const end = !last && nl > pos && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
    while (cr >= 0 && cr < end) {
      physical(pos, cr, ++n);
      pos = cr + 1;
      cr = text.indexOf('\r', pos);
    }
    physical(pos, end, ++n);
    if (last) break;
    pos = nl + 1;
  }
  flush();
  if (count === 0) throw new CalendarFileError('calendar_not_ical', { line: 1 });
  if (open.length > 0) throw new CalendarFileError('calendar_unbalanced', { line: n });
}
