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
/** A line end and the space or tab of the continuation line after it. */
const FOLDS = /(?:\r\n|\r|\n)[ \t]/g;
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

/** A name character (A-Z a-z 0-9 -): 1 uppercase or other, 2 lowercase, 0 not one. */
function nameChar(c: number): 0 | 1 | 2 {
  if (c >= 0x61 && c <= 0x7a) return 2;
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d ? 1 : 0;
}

/** One unfolded content line: NAME *(;PARAM=value) : value. Null when it is not one. */
function parseContentLine(text: string, line: number): ContentLine | null {
  // The name, checked as it is read (a content line's name is what decides its handling).
  let i = 0;
  let lower = false;
  for (; i < text.length; i++) {
    const kind = nameChar(text.charCodeAt(i));
    if (kind === 0) break;
    if (kind === 2) lower = true;
  }
  const stop = text.charCodeAt(i);
  if (i === 0 || (stop !== 0x3b && stop !== 0x3a)) return null;
  const raw = text.slice(0, i);
  const upper = lower ? raw.toUpperCase() : raw;
  const name = KNOWN_NAMES.get(upper) ?? upper;
  if (stop === 0x3a) return { name, params: NO_PARAMS, value: text.slice(i + 1), line };
  const params: ParamMap = {};
  while (text[i] === ';') {
    i++;
    const eq = text.indexOf('=', i);
    if (eq < 0) return null;
    const pname = text.slice(i, eq).toUpperCase();
    if (!NAME.test(pname)) return null;
    i = eq + 1;
    const values: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0) return null;
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        let j = i;
        while (j < text.length && text[j] !== ';' && text[j] !== ':' && text[j] !== ',') j++;
        values.push(text.slice(i, j));
        i = j;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    params[pname] = values.join(',');
  }
  if (text[i] !== ':') return null;
  return { name, params, value: text.slice(i + 1), line };
}

/**
 * Unfolds and tokenizes a whole file, checking its structure: it starts with BEGIN:VCALENDAR,
 * every line is a content line, continuation lines continue something, BEGIN/END balance.
 * One pass over the text: physical lines end at CRLF, LF or a lone CR. Each content line goes
 * to `visit` as soon as it is read (so a reader can finish with it before the next one);
 * `depth` is the number of components open around it (a BEGIN counts itself, an END too).
 */
export function scanContentLines(text: string, visit: (line: ContentLine, depth: number) => void): void {
  const stack: { name: string; line: number }[] = [];
  let count = 0;
  // The pending content line: where its first physical line starts and its last one ends, and whether it was folded.
  let pendingStart = -1;
  let pendingEnd = 0;
  let folded = false;
  let pendingLine = 0;
  const flush = () => {
    if (pendingStart < 0) return;
    const slice = text.slice(pendingStart, pendingEnd);
    // Unfolding: every line end inside the span is followed by the space or tab that continues it.
    const pending = folded ? slice.replace(FOLDS, '') : slice;
    const parsed = parseContentLine(pending, pendingLine);
    if (!parsed) {
      // A name followed by text but no colon, or a line that starts mid-word: a fold that lost its space.
      throw new CalendarFileError(/^[A-Za-z0-9-]+[;:]/.test(pending) ? 'calendar_bad_line' : count === 0 ? 'calendar_not_ical' : 'calendar_bad_folding', {
        line: pendingLine,
      });
    }
    if (count === 0 && !(parsed.name === 'BEGIN' && parsed.value.toUpperCase() === 'VCALENDAR')) {
      throw new CalendarFileError('calendar_not_ical', { line: parsed.line });
    }
    let depth = stack.length;
    if (parsed.name === 'BEGIN') {
      stack.push({ name: parsed.value.toUpperCase(), line: parsed.line });
      depth++;
    } else if (parsed.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== parsed.value.toUpperCase()) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    } else if (stack.length === 0) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    count++;
    pendingStart = -1;
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
      pendingEnd = end;
      folded = true;
      return;
    }
    flush();
    pendingStart = start;
    pendingEnd = end;
    folded = false;
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
  if (stack.length > 0) throw new CalendarFileError('calendar_unbalanced', { line: n });
}
