/**
 * RFC 5545 text: escaping, 75-octet folding, decoding, and the refusals of a file that cannot
 * be read (a code and its line; the tokenizer is in ics-lines.ts). Pure.
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
const ESCAPED = /[\\;,]/g;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  // Backslash, semicolon and comma each get a backslash in one pass (so none is doubled), then line ends.
  const out = value.replace(ESCAPED, '\\$&');
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

/** A content line as text (not folded): NAME;PARAM=v:value. Parameter values with : ; , are quoted. */
export function contentLine(name: string, value: string, params?: Record<string, string>): string {
  let head = name;
  if (params) for (const [k, v] of Object.entries(params)) head += `;${k}=${/[:;,]/.test(v) ? `"${v}"` : v}`;
  return `${head}:${value}`;
}
