import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, calendarCore, failure } from '../helpers/calendar/core';

const GOOD_EVENT = ['BEGIN:VEVENT', 'UID:ok-1@test', 'DTSTART:20270310T090000Z', 'SUMMARY:Fine', 'END:VEVENT'];
const cal = (...body: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...body, 'END:VCALENDAR', ''].join('\r\n');

/** Each broken file, the code it must be refused with, and the line that code must name. */
const CALENDARS: [string, string | Buffer, string, number][] = [
  ['not a calendar at all', 'Hello, this is a letter.\r\nRegards\r\n', 'calendar_not_ical', 1],
  ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\r\nEND:VCARD\r\n', 'calendar_not_ical', 1],
  ['HTML', '<!doctype html><html><body>404</body></html>\n', 'calendar_not_ical', 1],
  ['a fold that lost its leading space', cal(...GOOD_EVENT.slice(0, 3), 'DESCRIPTION:A long line that was folded', 'without the space', 'END:VEVENT'), 'calendar_bad_folding', 8],
  ['a continuation line at the very start', ' BEGIN:VCALENDAR\r\nVERSION:2.0\r\n', 'calendar_not_ical', 1],
  ['a line without a colon', cal(...GOOD_EVENT.slice(0, 3), 'SUMMARY;LANGUAGE=fr', 'END:VEVENT'), 'calendar_bad_line', 7],
  ['an event without UID', cal(...GOOD_EVENT, 'BEGIN:VEVENT', 'DTSTART:20270311T090000Z', 'SUMMARY:No id', 'END:VEVENT'), 'calendar_missing_uid', 9],
  ['an event without DTSTART', cal('BEGIN:VEVENT', 'UID:x@test', 'SUMMARY:When?', 'END:VEVENT'), 'calendar_missing_start', 4],
  ['an unknown time zone', cal(...GOOD_EVENT, 'BEGIN:VEVENT', 'UID:tz@test', 'DTSTART;TZID=Mars/Olympus_Mons:20270311T090000', 'END:VEVENT'), 'calendar_unknown_tzid', 11],
  ['a date that does not exist', cal('BEGIN:VEVENT', 'UID:d@test', 'DTSTART:20271341T250000Z', 'END:VEVENT'), 'calendar_bad_date', 6],
  ['a cut file (END missing)', cal(...GOOD_EVENT).replace('END:VCALENDAR\r\n', ''), 'calendar_unbalanced', 9],
  ['END that closes the wrong component', cal('BEGIN:VEVENT', 'UID:e@test', 'DTSTART:20270310T090000Z', 'END:VTODO'), 'calendar_unbalanced', 7],
  // Events are read as the file is, but a broken structure further down is still what the file is refused for.
  ['an event without UID before a fold that lost its space', cal('BEGIN:VEVENT', 'DTSTART:20270311T090000Z', 'END:VEVENT', ...GOOD_EVENT.slice(0, 3), 'DESCRIPTION:folded', 'without the space', 'END:VEVENT'), 'calendar_bad_folding', 11],
  ['the same UID twice', cal(...GOOD_EVENT, ...GOOD_EVENT), 'calendar_duplicate_uid', 9],
  ['Tribune data that is not JSON', cal('BEGIN:VEVENT', 'UID:t@tribune', 'DTSTART:20270310T090000Z', 'X-TRIBUNE-ID:2b6e9a40-3f0c-4f43-9c1e-0d4d36f1e0a1', 'X-TRIBUNE-CONTENT:{not json', 'END:VEVENT'), 'calendar_bad_tribune_data', 8],
  // A label two posts share is checked once for the file; the second post's empty one is still what the file is refused for.
  [
    'Tribune data that does not fit its schema',
    cal(
      'BEGIN:VEVENT', 'UID:a@tribune', 'DTSTART:20270310T090000Z', 'X-TRIBUNE-ID:2b6e9a40-3f0c-4f43-9c1e-0d4d36f1e0a1', 'X-TRIBUNE-LABEL:{"name":"Presse"\\,"color":"#db2777"}', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b@tribune', 'DTSTART:20270311T090000Z', 'X-TRIBUNE-ID:3c7f0b51-4a1d-4e54-8d2f-1e5e47a2f1b2', 'X-TRIBUNE-LABEL:{"name":"Presse"\\,"color":"#db2777"}',
      'X-TRIBUNE-LABEL:{"name":""\\,"color":"#db2777"}', 'END:VEVENT',
    ),
    'calendar_bad_tribune_data',
    15,
  ],
  ['Latin-1 bytes', Buffer.concat([Buffer.from(['BEGIN:VCALENDAR', 'VERSION:2.0', ...GOOD_EVENT.slice(0, 3), ''].join('\r\n')), Buffer.from('SUMMARY:Caf\xe9\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n', 'latin1')]), 'calendar_bad_line', 6],
];

const CSVS: [string, string | Buffer, string, number][] = [
  ['semicolons', 'date;time;message\r\n2027-03-10;09:00;Bonjour\r\n', 'csv_bad_separator', 1],
  ['tabs', 'date\ttime\tmessage\r\n2027-03-10\t09:00\tBonjour\r\n', 'csv_bad_separator', 1],
  ['missing columns', 'date,message\r\n2027-03-10,Bonjour\r\n', 'csv_missing_columns', 1],
  ['UTF-16', Buffer.from('\ufeffdate,time,message\r\n2027-03-10,09:00,Bonjour\r\n', 'utf16le'), 'csv_bad_encoding', 1],
  ['Latin-1 on line 3', Buffer.concat([Buffer.from('date,time,message\r\n2027-03-10,09:00,Bonjour\r\n'), Buffer.from('2027-03-11,09:00,Caf\xe9\r\n', 'latin1')]), 'csv_bad_encoding', 3],
];

function fingerprint(dir: string): string {
  const db = new Database(path.join(dir, 'tribune.sqlite3'), { readonly: true });
  const hash = createHash('sha256');
  for (const table of ['drafts', 'campaigns', 'labels', 'post_labels', 'post_comments', 'post_history', 'import_batches', 'exchange_base', 'media']) {
    hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all().map((r) => JSON.stringify(r)).sort()));
  }
  db.close();
  return hash.digest('hex');
}

describe('files that cannot be read whole are refused with a code and a line, the database unchanged', () => {
  it.for([...CALENDARS.map(([n, d, c, l]) => [n, d, c, l, 'plan.ics']), ...CSVS.map(([n, d, c, l]) => [n, d, c, l, 'plan.csv'])] as [string, string | Buffer, string, number, string][])(
    '%s',
    async ([, data, code, line, fileName]) => {
      const { core, dir } = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
      const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
      await call(core, 'draft.save', { id: '6a1f0f7e-9d7b-4a55-8a0e-3b1c2d3e4f50', workspaceId: ws, text: 'Déjà là' });
      const before = fingerprint(dir);
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const error = await failure(core, 'calendar.importPreview', { workspaceId: ws, fileName, dataBase64: bytes.toString('base64') });
      expect(error.code).toBe(code);
      expect(error.params?.line).toBe(line);
      expect(fingerprint(dir)).toBe(before);
      await core.close();
    },
  );

  it('refuses a 50 MB file before reading it, and an upload that did not arrive whole', async () => {
    const { core, dir } = await calendarCore();
    const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée' })).id;
    const before = fingerprint(dir);
    const big = await failure(core, 'calendar.uploadBegin', { workspaceId: ws, fileName: 'huge.ics', bytes: 50 * 1024 * 1024 });
    expect(big).toMatchObject({ code: 'file_too_large', params: { maxMegabytes: 30 } });
    // Inline data larger than one chunk is refused by the contract itself.
    expect((await failure(core, 'calendar.importPreview', { workspaceId: ws, dataBase64: 'A'.repeat(2_000_000) })).code).toBe('invalid_input');
    const upload = await call<{ uploadId: string; chunks: number; chunkBytes: number }>(core, 'calendar.uploadBegin', { workspaceId: ws, fileName: 'plan.ics', bytes: 1_000_000 });
    expect(upload.chunks).toBe(2);
    await call(core, 'calendar.uploadChunk', { uploadId: upload.uploadId, index: 0, dataBase64: Buffer.alloc(upload.chunkBytes, 65).toString('base64') });
    expect(await failure(core, 'calendar.importPreview', { workspaceId: ws, uploadId: upload.uploadId })).toMatchObject({ code: 'upload_incomplete', params: { received: 1, expected: 2 } });
    expect((await failure(core, 'calendar.importPreview', { workspaceId: ws, fileName: 'empty.ics', dataBase64: '' })).code).toBe('invalid_input');
    expect(fingerprint(dir)).toBe(before);
    await core.close();
  });

  it('lists the CSV rows that fail with their line and reason, and imports the others', async () => {
    const { core } = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const csv = [
      'date,time,message,link,account,campaign,labels',
      '10/03/2027,09:00,"Vernissage, jeudi ; entrée libre",https://musee.example/expo,,Printemps,Expo|Presse',
      '2027-03-11,18:30,"Deux lignes',
      'dans le message",,,,',
      '2027-02-30,09:00,Date impossible,,,,',
      '2027-03-12,25:00,Heure impossible,,,,',
      '2027-03-13,09:00,,,,,',
      '2027-03-14,09:00,Compte inconnu,,@nobody,,',
      '2027-03-15,09:00,Lien cassé,ftp://x,,,',
      '2026-01-01,09:00,Passé,,,,',
    ].join('\r\n');
    const preview = await call<{ importId: string; counts: { new: number; refused: number }; rowProblems: { line: number; code: string }[] }>(core, 'calendar.importPreview', {
      workspaceId: ws, fileName: 'bulk.csv', dataBase64: Buffer.from(csv).toString('base64'),
    });
    expect(preview.rowProblems.map((p) => [p.line, p.code])).toEqual([
      [5, 'row_date_invalid'],
      [6, 'row_time_invalid'],
      [7, 'row_message_missing'],
      [8, 'row_account_unknown'],
      [9, 'row_link_invalid'],
      [10, 'row_in_past'],
    ]);
    expect(preview.counts).toMatchObject({ new: 2, refused: 6 });
    await call(core, 'calendar.importApply', { importId: preview.importId });
    const range = await call<{ items: { excerpt: string; at: string; labelIds: string[]; campaignId: string | null }[] }>(core, 'calendar.range', {
      workspaceId: ws, from: '2027-03-01T00:00:00.000Z', to: '2027-04-01T00:00:00.000Z',
    });
    expect(range.items.map((i) => [i.at, i.excerpt])).toEqual([
      ['2027-03-10T08:00:00.000Z', 'Vernissage, jeudi ; entrée libre https://musee.example/expo'],
      ['2027-03-11T17:30:00.000Z', 'Deux lignes dans le message'],
    ]);
    expect(range.items[0]!.labelIds).toHaveLength(2);
    expect(range.items[0]!.campaignId).not.toBeNull();
    // The same CSV again: nothing new.
    const again = await call<{ counts: { new: number; unchanged: number } }>(core, 'calendar.importPreview', { workspaceId: ws, fileName: 'bulk.csv', dataBase64: Buffer.from(csv).toString('base64') });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2 });
    await core.close();
  });
});
