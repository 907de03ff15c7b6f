import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, unescapeText } from '../../src/shared/calendar/ics-text';
import { canonical } from '../../src/shared/calendar/snapshot';
import { exportCalendar, exportEvent } from '../../src/shared/calendar/ical-export';
import { CalendarFileBytes, calendarFileBytes, IcsBytes } from '../../src/main/core/calendar/ics-bytes';
import { EMPTY_DRAFT_CONTENT } from '../../src/shared/publishing';
import { parseCalendar } from '../../src/shared/calendar/ical-import';
import type { PostSnapshot } from '../../src/shared/calendar/snapshot';

const post = (at: string, timeZone: string): PostSnapshot => ({
  uid: 'p@tribune', id: '2b6e9a40-3f0c-4f43-9c1e-0d4d36f1e0a1', kind: 'post', text: 'Bonjour', content: null, at, timeZone,
  status: 'draft', reviewState: 'draft', campaign: null, labels: [], comments: [], media: [], targets: [],
  sequence: 0, lastModified: '2027-01-01T00:00:00.000Z', createdAt: '2027-01-01T00:00:00.000Z',
});
const header = { workspaceId: 'ws', workspaceName: 'W', timeZone: 'Europe/Paris', now: '2027-01-01T00:00:00.000Z' };
/** The event's DTSTART (the VTIMEZONE before it has its own). */
const dtstartOf = (text: string) => text.slice(text.indexOf('BEGIN:VEVENT')).split('\r\n').find((l) => l.startsWith('DTSTART'));

describe('calendar text (the fast paths keep the RFC 5545 rules)', () => {
  it('unescapes only the four escapes and keeps any other backslash', () => {
    expect(unescapeText('a\\,b\\;c\\\\d\\ne\\Nf')).toBe('a,b;c\\d\ne\nf');
    expect(unescapeText('C:\\x\\')).toBe('C:\\x\\');
    expect(unescapeText('\\\\n')).toBe('\\n');
    for (const s of ['', 'plain', 'un, deux; trois\\ quatre\nfin\r\n🎉', '\\']) expect(unescapeText(escapeText(s))).toBe(s.replace(/\r\n|\r/g, '\n'));
  });

  it('folds at 75 octets without cutting a character', () => {
    const line = `DESCRIPTION:${'é🎨a'.repeat(60)}`;
    const physical = foldLine(line).split('\r\n');
    for (const p of physical) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('folds in the bytes exactly as foldLine does in the text (emoji, accents, escapes, lone surrogates, long lines)', () => {
    const pieces = ['a', 'é', '🎨', '\\,', '\\;', '\\n', '\ud800', '漢', ' ', 'x'.repeat(73)];
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const out = new IcsBytes(16);
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      let line = 'X-TRIBUNE-TEXT:';
      const n = Math.floor(next() * 200);
      for (let k = 0; k < n; k++) line += pieces[Math.floor(next() * pieces.length)];
      out.line(line);
      expected += `${foldLine(line)}\r\n`;
    }
    expect(Buffer.from(out.result()).equals(Buffer.from(expected))).toBe(true);
  });

  it('writes a line given as its parts (a head, a value to escape, a list) as the joined line escaped then folded', () => {
    const pieces = ['a', 'é', '🎨', ',', ';', '\\', '\n', '\r\n', '\r', '\ud800', '漢', ' ', 'x'.repeat(40)];
    let state = 11;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const piece = (n: number) => {
      let s = '';
      for (let k = 0; k < n; k++) s += pieces[Math.floor(next() * pieces.length)];
      return s;
    };
    const out = new IcsBytes(16);
    const expected: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const head = ['X-TRIBUNE-CONTENT:', 'DTSTART;TZID="Zone, é":', 'CATEGORIES:', 'S:'][i % 4]!;
      const kind = Math.floor(next() * 3);
      if (kind === 0) {
        const value = piece(Math.floor(next() * 120)).replace(/[\r\n]/g, '');
        out.line(head, value);
        expected.push(foldLine(head + value));
      } else if (kind === 1) {
        const value = piece(Math.floor(next() * 120));
        out.text(head, value);
        expected.push(foldLine(head + escapeText(value)));
      } else {
        const values = Array.from({ length: Math.floor(next() * 4) }, () => piece(Math.floor(next() * 30)));
        out.list(head, values);
        expected.push(foldLine(head + values.map(escapeText).join(',')));
      }
    }
    // Compared as bytes: a lone surrogate is the replacement character once encoded, in both.
    expect(Buffer.from(out.result()).toString('utf8')).toBe(Buffer.from(`${expected.join('\r\n')}\r\n`).toString('utf8'));
  });

  it('writes a whole file as bytes identical to the text file', () => {
    const posts = ['Bonjour', 'un, deux; trois\\ quatre\nfin 🎉'.repeat(9), 'é'.repeat(100)].map((text, i) => ({ ...post(`2027-06-0${i + 1}T07:00:00.000Z`, 'Europe/Paris'), uid: `p${i}@tribune`, text }));
    const full = { ...header, workspaceName: 'Musée, été; 🎨', from: '2027-01-01T00:00:00.000Z', to: '2028-01-01T00:00:00.000Z' };
    expect(Buffer.from(calendarFileBytes(full, posts)).toString('utf8')).toBe(exportCalendar(full, posts));
  });

  it('puts a head before the bytes written, in the room kept for it or by joining (several chunks, a head too long)', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `DESCRIPTION:${'é🎨, a'.repeat(i % 40)}`);
    for (const [chunk, front, expected, headLength] of [
      [1 << 16, 512, 100_000, 100],
      [1024, 512, 0, 100],
      [1 << 16, 64, 0, 100],
      [1 << 16, 512, 0, 0],
    ] as const) {
      const out = new IcsBytes(chunk, front);
      out.expect(expected);
      const text = new IcsBytes();
      for (const l of lines) {
        out.line(l);
        text.line(l);
      }
      const head = Buffer.from('H'.repeat(headLength));
      expect(Buffer.from(out.withHead(head)).equals(Buffer.concat([head, text.result()]))).toBe(true);
    }
  });

  it('writes the same file when its posts come one at a time (zones first seen late, a post without a date, content as stored)', () => {
    const content = { ...EMPTY_DRAFT_CONTENT, language: 'fr' };
    const stored = `{"language":"fr",${JSON.stringify(content).slice(1).replace('"language":"fr",', '')}`;
    const posts = [
      { ...post('2027-06-01T07:00:00.000Z', 'Europe/Paris'), uid: 'a@tribune', content },
      { ...post('2027-06-02T07:00:00.000Z', 'Europe/Paris'), uid: 'b@tribune', at: null },
      { ...post('2027-10-31T00:30:00.000Z', 'America/New_York'), uid: 'c@tribune', text: 'un, deux; trois\\ quatre\nfin 🎉' },
      { ...post('2027-12-01T07:00:00.000Z', 'Asia/Tokyo'), uid: 'd@tribune', timeZone: null, content },
      { ...post('2028-02-01T07:00:00.000Z', 'Asia/Tokyo'), uid: 'e@tribune' },
    ];
    const full = { ...header, workspaceName: 'Musée, été; 🎨', from: '2027-01-01T00:00:00.000Z', to: '2028-01-01T00:00:00.000Z' };
    const file = new CalendarFileBytes(full);
    for (const p of posts) file.add(p, p.content ? stored : undefined);
    const text = Buffer.from(file.result()).toString('utf8');
    expect(text).toBe(exportCalendar(full, posts, () => stored));
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo');
    expect(text).toContain('X-TRIBUNE-CONTENT:{"language":"fr"\\,');
  });

  it("reads an event whose zone is defined by the file's own VTIMEZONE further down, events kept in file order", () => {
    const zone = ['BEGIN:VTIMEZONE', 'TZID:Paris (custom)', 'BEGIN:STANDARD', 'DTSTART:19701025T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:19700329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT', 'END:VTIMEZONE'];
    const event = (uid: string, start: string) => ['BEGIN:VEVENT', `UID:${uid}`, start, 'SUMMARY:Vernissage', 'END:VEVENT'];
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...event('a@test', 'DTSTART:20270601T060000Z'), ...event('b@test', 'DTSTART;TZID="Paris (custom)":20270601T090000'),
      ...event('c@test', 'DTSTART;TZID=America/New_York:20270601T090000'), ...zone, 'END:VCALENDAR', ''].join('\r\n');
    const parsed = parseCalendar(text, { timeZone: 'Europe/Paris', newId: () => 'x', nowIso: header.now });
    expect(parsed.events.map((e) => [e.snapshot.uid, e.snapshot.at])).toEqual([
      ['a@test', '2027-06-01T06:00:00.000Z'],
      ['b@test', '2027-06-01T07:00:00.000Z'],
      ['c@test', '2027-06-01T13:00:00.000Z'],
    ]);
  });

  it('gives equal keys for equal values whatever the key order', () => {
    expect(canonical({ b: [1, { y: 2, x: null }], a: 'é', u: undefined })).toBe(canonical({ a: 'é', b: [1, { x: null, y: 2 }] }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: '1' }));
  });

  it('writes a time the zone shows twice in UTC, any other in the post zone, and both read back to the same instant', () => {
    // 2027-10-31 02:30 happens twice in Paris; 2027-03-14 02:30 never happens in New York; 09:00 is plain.
    const cases: [string, string, RegExp][] = [
      ['2027-10-31T00:30:00.000Z', 'Europe/Paris', /^DTSTART:20271031T003000Z$/],
      ['2027-10-31T01:30:00.000Z', 'Europe/Paris', /^DTSTART:20271031T013000Z$/],
      ['2027-03-14T07:30:00.000Z', 'America/New_York', /^DTSTART;TZID=America\/New_York:20270314T033000$/],
      ['2027-06-01T07:00:00.000Z', 'Europe/Paris', /^DTSTART;TZID=Europe\/Paris:20270601T090000$/],
    ];
    for (const [at, zone, expected] of cases) {
      const text = exportEvent(header, post(at, zone));
      expect(dtstartOf(text)).toMatch(expected);
      const parsed = parseCalendar(text, { timeZone: 'Europe/Paris', newId: () => 'x', nowIso: header.now });
      expect(parsed.events[0]!.snapshot.at).toBe(at);
      const event = new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstSubcomponent('vevent')!;
      expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toUnixTime() * 1000).toBe(Date.parse(at));
    }
  });
});
