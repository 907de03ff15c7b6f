/**
 * RFC 5545 text: escaping, 75-octet folding, and a strict tokenizer that reads a whole file
 * into content lines with their line numbers (so every refusal names its line). Pure.
 */
import type { CalendarErrorCode, ErrorParams } from './errors';

export class CalendarFileError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    readonly params: ErrorParams,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'CalendarFileError';
  }
}

const NEEDS_ESCAPE = /[\\;,\r\n]/;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  // Backslashes first, so the ones the later passes add are not doubled.
  let out = value.indexOf('\\') < 0 ? value : value.replace(/\\/g, '\\\\');
  if (out.indexOf(';') >= 0) out = out.replace(/;/g, '\\;');
  if (out.indexOf(',') >= 0) out = out.replace(/,/g, '\\,');
  return out.indexOf('\n') < 0 && out.indexOf('\r') < 0 ? out : out.replace(/\r\n|\r|\n/g, '\\n');
}

export function unescapeText(value: string): string {
  let i = value.indexOf('\\');
  if (i < 0) return value;
  let out = '';
  let start = 0;
  while (i >= 0 && i < value.length - 1) {
    const c = value[i + 1]!;
    if (c === 'n' || c === 'N' || c === '\\' || c === ';' || c === ',') {
      out += value.slice(start, i) + (c === 'n' || c === 'N' ? '\n' : c);
      start = i + 2;
      i = value.indexOf('\\', start);
    } else i = value.indexOf('\\', i + 1); // not an escape: kept as it is
  }
  return out + value.slice(start);
}

/** Splits a TEXT list (CATEGORIES) on unescaped commas, then unescapes each item. */
export function splitTextList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i++;
    } else if (c === ',') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map(unescapeText).filter((s) => s.length > 0);
}

const NOT_ASCII = /[^ -~\t]/;
const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds a content line so no physical line exceeds 75 octets (continuations start with a space), never inside a character. */
export function foldLine(line: string): string {
  // Fast path: pure ASCII of 75 or fewer.
  const ascii = !NOT_ASCII.test(line);
  if (ascii && line.length <= 75) return line;
  if (ascii) {
    // One octet per character: cut every 75, then every 74 (the leading space counts).
    let out = line.slice(0, 75);
    for (let i = 75; i < line.length; i += 74) out += `\r\n ${line.slice(i, i + 74)}`;
    return out;
  }
  let out = '';
  let octets = 0;
  let start = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const bytes = utf8Length(cp);
    if (octets + bytes > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = 74; // the leading space counts
    }
    octets += bytes;
    i += width;
  }
  return out + line.slice(start);
}

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
  const name = lower ? raw.toUpperCase() : raw;
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

/** Decodes bytes as UTF-8 (a BOM is dropped); a byte sequence that is not UTF-8 is refused with its line. */
export function decodeUtf8(bytes: Uint8Array, code: CalendarErrorCode): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : loose.slice(0, bad).split('\n').length;
    throw new CalendarFileError(code, { line });
  }
}

/**
 * Unfolds and tokenizes a whole file, checking its structure: it starts with BEGIN:VCALENDAR,
 * every line is a content line, continuation lines continue something, BEGIN/END balance.
 * One pass over the text: physical lines end at CRLF, LF or a lone CR.
 */
export function tokenize(text: string): ContentLine[] {
  const out: ContentLine[] = [];
  const stack: { name: string; line: number }[] = [];
  let pending: string | null = null;
  let pendingLine = 0;
  const flush = () => {
    if (pending === null) return;
    const parsed = parseContentLine(pending, pendingLine);
    if (!parsed) {
      // A name followed by text but no colon, or a line that starts mid-word: a fold that lost its space.
      throw new CalendarFileError(/^[A-Za-z0-9-]+[;:]/.test(pending) ? 'calendar_bad_line' : out.length === 0 ? 'calendar_not_ical' : 'calendar_bad_folding', {
        line: pendingLine,
      });
    }
    if (out.length === 0 && !(parsed.name === 'BEGIN' && parsed.value.toUpperCase() === 'VCALENDAR')) {
      throw new CalendarFileError('calendar_not_ical', { line: parsed.line });
    }
    if (parsed.name === 'BEGIN') stack.push({ name: parsed.value.toUpperCase(), line: parsed.line });
    else if (parsed.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== parsed.value.toUpperCase()) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    } else if (stack.length === 0) throw new CalendarFileError('calendar_unbalanced', { line: parsed.line });
    out.push(parsed);
    pending = null;
  };
  const physical = (raw: string, n: number) => {
    if (raw.length === 0) {
      // Blank lines are tolerated (many files end with one) but end the current line.
      flush();
      return;
    }
    const first = raw.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (pending === null) throw new CalendarFileError(out.length === 0 ? 'calendar_not_ical' : 'calendar_bad_folding', { line: n });
      pending += raw.slice(1);
      return;
    }
    flush();
    pending = raw;
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
      physical(text.slice(pos, cr), ++n);
      pos = cr + 1;
      cr = text.indexOf('\r', pos);
    }
    physical(text.slice(pos, end), ++n);
    if (last) break;
    pos = nl + 1;
  }
  flush();
  if (out.length === 0) throw new CalendarFileError('calendar_not_ical', { line: 1 });
  if (stack.length > 0) throw new CalendarFileError('calendar_unbalanced', { line: n });
  return out;
}

/** A content line as text (not folded): NAME;PARAM=v:value. Parameter values with : ; , are quoted. */
export function contentLine(name: string, value: string, params?: Record<string, string>): string {
  let head = name;
  if (params) for (const [k, v] of Object.entries(params)) head += `;${k}=${/[:;,]/.test(v) ? `"${v}"` : v}`;
  return `${head}:${value}`;
}
