/**
 * A calendar file written straight into UTF-8 bytes: content lines are encoded with the native
 * encoder, and a line longer than 75 octets is folded in the bytes by moving whole runs of
 * octets, instead of counting octets character by character in the text. The same bytes as
 * foldLine then UTF-8 encoding: a cut never falls inside a character (it backs off past
 * continuation octets), a lone surrogate is the 3-octet replacement character in both.
 */
import { writeCalendar, type CalendarHeader, type ContentJson } from '../../../shared/calendar/ical-export';
import type { PostSnapshot } from '../../../shared/calendar/snapshot';

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

export class IcsBytes {
  private bytes: Buffer;
  private length = 0;
  /** Short lines (that cannot need folding) waiting to be encoded together, with their CRLF. */
  private pending = '';

  constructor(sizeHint = 65_536) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, sizeHint));
  }

  private room(needed: number): void {
    if (this.length + needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + needed));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.room(this.pending.length * 3);
    this.length += this.bytes.write(this.pending, this.length, 'utf8');
    this.pending = '';
  }

  /** One content line (unfolded, values already escaped), folded at 75 octets, then CRLF. */
  line(text: string): void {
    // 25 UTF-16 units are at most 75 octets: no folding, encoded later with their neighbours.
    if (text.length <= 25) {
      this.pending += `${text}\r\n`;
      if (this.pending.length > 8192) this.flush();
      return;
    }
    this.flush();
    // At most 3 octets per UTF-16 unit, plus 3 (CRLF and a space) per 74 octets, plus the final CRLF.
    const most = text.length * 3;
    this.room(most + Math.ceil(most / 74) * 3 + 2);
    const b = this.bytes;
    const start = this.length;
    const end = start + b.write(text, start, 'utf8');
    // Where each physical line ends (75 octets, then 74 after the leading space), never before a continuation octet.
    let folds = 0;
    let cuts: number[] | null = null;
    let from = start;
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

  /** The bytes written (a view, not a copy). */
  result(): Uint8Array {
    this.flush();
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}

/** The whole calendar file as UTF-8 bytes (writeCalendar's lines, folded in the bytes). */
export function calendarFileBytes(header: CalendarHeader, snapshots: readonly PostSnapshot[], contentJson?: ContentJson): Uint8Array {
  const out = new IcsBytes(65_536 + snapshots.length * 1600);
  writeCalendar(header, snapshots, (l) => out.line(l), contentJson);
  return out.result();
}
