/**
 * A calendar file written straight into UTF-8 bytes: content lines are encoded with the native
 * encoder, and a line longer than 75 octets is folded in the bytes by moving whole runs of
 * octets, instead of counting octets character by character in the text. The same bytes as
 * foldLine then UTF-8 encoding: a cut never falls inside a character (it backs off past
 * continuation octets), a lone surrogate is the 3-octet replacement character in both.
 */
import { CalendarEvents, writeCalendar, type CalendarHeader, type ContentJson } from '../../../shared/calendar/ical-export';
import type { LineSink } from '../../../shared/calendar/line-sink';
import { escapeText } from '../../../shared/calendar/ics-text';
import type { PostSnapshot } from '../../../shared/calendar/snapshot';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

/** Octets of a (short) text in UTF-8; a lone surrogate is the 3-octet replacement character. */
function utf8Octets(text: string): number {
  let octets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) octets += 1;
    else if (c < 0x800) octets += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      octets += 4;
      i++;
    } else octets += 3;
  }
  return octets;
}

/** The chunks as one run of bytes (copied once; one chunk is returned as it is). */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export class IcsBytes implements LineSink {
  /** Chunks filled so far; `bytes` is the one being written (a line never spans two). */
  private readonly filled: Uint8Array[] = [];
  private bytes: Buffer;
  /** Where the bytes of this chunk begin (the first chunk keeps `front` octets free before them, see withHead). */
  private start: number;
  private length: number;
  /** Lines that need no folding, waiting to be encoded together, with their CRLF. */
  private pending = '';

  constructor(
    private readonly chunkSize = 1 << 20,
    front = 0,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, chunkSize) + front);
    this.start = this.length = front;
  }

  /** Sizes the first chunk for `octets` (when nothing is written yet), so that the bytes need no joining. */
  expect(octets: number): void {
    if (this.length > this.start || this.filled.length > 0 || this.pending.length > 0 || this.start + octets <= this.bytes.length) return;
    this.bytes = Buffer.allocUnsafe(this.start + octets);
  }

  line(head: string, value = ''): void {
    const units = head.length + value.length;
    // 25 UTF-16 units are at most 75 octets: no folding, encoded later with their neighbours.
    if (units <= 25) {
      this.pending += `${head}${value}\r\n`;
      if (this.pending.length > 8192) this.flush();
      return;
    }
    // Room for the lines waiting and this one (at most 3 octets per UTF-16 unit, 3 more per fold of 74, and CRLF) in this chunk.
    const most = units * 3;
    this.room(this.pending.length * 3 + most + Math.ceil(most / 74) * 3 + 2);
    if (value.length === 0) {
      this.flush();
      this.fold(this.length, head);
      return;
    }
    // The head goes out with the lines before it and the value is encoded where it lands: no joined copy of the line.
    this.pending += head;
    this.flush();
    this.fold(this.length - utf8Octets(head), value);
  }

  text(head: string, value: string): void {
    this.line(head, escapeText(value));
  }

  list(head: string, values: readonly string[]): void {
    let value = '';
    for (let i = 0; i < values.length; i++) value += (i > 0 ? ',' : '') + escapeText(values[i]!);
    this.line(head, value);
  }

  /** The bytes written, as the chunks that hold them (views, not copies). */
  parts(): Uint8Array[] {
    this.flush();
    return [...this.filled, new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.start, this.length - this.start)];
  }

  /** The bytes written. */
  result(): Uint8Array {
    return concat(this.parts());
  }

  /** `head` then the bytes written: `head` goes in the free octets before them when it fits there and they are one chunk, else all are joined. */
  withHead(head: Uint8Array): Uint8Array {
    const parts = this.parts();
    if (parts.length > 1 || head.length > this.start) return concat([head, ...parts]);
    this.bytes.set(head, this.start - head.length);
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.start - head.length, this.length - this.start + head.length);
  }

  /** Makes room for `needed` octets, in a new chunk when this one is short of it (between lines only). */
  private room(needed: number): void {
    if (this.length + needed <= this.bytes.length) return;
    if (this.length > this.start) this.filled.push(new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.start, this.length - this.start));
    this.bytes = Buffer.allocUnsafe(Math.max(this.chunkSize, needed));
    this.start = this.length = 0;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.room(this.pending.length * 3);
    this.length += this.bytes.write(this.pending, this.length, 'utf8');
    this.pending = '';
  }

  /** Encodes `value` to end the line that began at octet `lineStart`, folds that line at 75 octets, then CRLF (line made room for it all). */
  private fold(lineStart: number, value: string): void {
    const b = this.bytes;
    const end = this.length + b.write(value, this.length, 'utf8');
    // Where each physical line ends (75 octets, then 74 after the leading space), never before a continuation octet.
    let folds = 0;
    let cuts: number[] | null = null;
    let from = lineStart;
    let limit = 75;
    while (end - from > limit) {
      let cut = from + limit;
      while ((b[cut]! & 0xc0) === 0x80) cut--;
      (cuts ??= []).push(cut);
      folds++;
      from = cut;
      limit = 74;
    }
    // Each run moves 3 octets further per fold before it, the last run first.
    let tail = end;
    for (let k = folds - 1; k >= 0; k--) {
      const cut = cuts![k]!;
      const shift = 3 * (k + 1);
      b.copyWithin(cut + shift, cut, tail);
      b[cut + shift - 3] = CR;
      b[cut + shift - 2] = LF;
      b[cut + shift - 1] = SP;
      tail = cut;
    }
    const folded = end + 3 * folds;
    b[folded] = CR;
    b[folded + 1] = LF;
    this.length = folded + 2;
  }
}

/**
 * A calendar file as UTF-8 bytes, its posts written as they come (see CalendarEvents): the
 * events go into one buffer, and the head, known once every event is in, is written before them.
 */
export class CalendarFileBytes {
  private readonly events: IcsBytes;
  private readonly calendar: CalendarEvents;

  constructor(header: CalendarHeader) {
    // Room before the events for the head (the calendar and its VTIMEZONEs).
    this.events = new IcsBytes(1 << 20, 65_536);
    this.calendar = new CalendarEvents(header, this.events);
  }

  /** How many posts are coming (before the first): the file's buffer is sized once for them. */
  expect(posts: number): void {
    this.events.expect(posts * 1600 + 65_536);
  }

  /** One post's event; `contentJson` is its content as stored, if known. */
  add(s: PostSnapshot, contentJson?: string): void {
    this.calendar.event(s, contentJson);
  }

  result(): Uint8Array {
    this.events.line('END:VCALENDAR');
    const head = new IcsBytes(16_384);
    for (const l of this.calendar.head()) head.line(l);
    return this.events.withHead(head.result());
  }
}

/** The whole calendar file as UTF-8 bytes (writeCalendar's lines, folded in the bytes). */
export function calendarFileBytes(header: CalendarHeader, snapshots: readonly PostSnapshot[], contentJson?: ContentJson): Uint8Array {
  const out = new IcsBytes();
  writeCalendar(header, snapshots, out, contentJson);
  return out.result();
}
