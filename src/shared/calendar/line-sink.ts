/**
 * Where a calendar's content lines go, and the JSON of objects many posts share. Pure.
 */
import { escapeText, foldLine } from './ics-text';

/**
 * Where content lines go, unfolded: the sink escapes what it is told is a TEXT value, folds
 * the line at 75 octets and ends it with CRLF. Writing a line as its parts (name, value) spares
 * joining them: a 10,000-post file is some 220,000 lines.
 */
export interface LineSink {
  /** `head` then `value`, as they are (already escaped, or nothing to escape). */
  line(head: string, value?: string): void;
  /** `head` as it is, then `value` escaped as TEXT (RFC 5545 3.3.11). */
  text(head: string, value: string): void;
  /** `head` as it is, then each value escaped as TEXT, separated by commas (a list such as CATEGORIES). */
  list(head: string, values: readonly string[]): void;
}

/** A sink of folded lines as text (each handed to `push` without its CRLF). */
export function foldedLines(push: (folded: string) => void): LineSink {
  return {
    line: (head, value) => push(foldLine(value === undefined ? head : head + value)),
    text: (head, value) => push(foldLine(head + escapeText(value))),
    list: (head, values) => push(foldLine(head + values.map(escapeText).join(','))),
  };
}

/**
 * The JSON of objects many posts share (a campaign, a label, an account), made once per object
 * for one task (a file, an export's digests): snapshots are never mutated.
 */
export function jsonMemo(write: (value: object) => string = JSON.stringify): (value: object) => string {
  const memo = new Map<object, string>();
  return (value) => {
    let json = memo.get(value);
    if (json === undefined) memo.set(value, (json = write(value)));
    return json;
  };
}

/** JSON.stringify of a list of plain objects, each item's JSON from `json`. */
export function jsonList(items: readonly object[], json: (value: object) => string): string {
  if (items.length === 0) return '[]';
  let out = `[${json(items[0]!)}`;
  for (let i = 1; i < items.length; i++) out += `,${json(items[i]!)}`;
  return `${out}]`;
}
