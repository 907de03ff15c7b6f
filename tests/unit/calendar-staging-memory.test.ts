/**
 * A staged import (kept up to 30 minutes for its apply) holds only what it needs: not the whole
 * decoded calendar file, which V8 would keep alive through every UID or text cut from it.
 */
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExchangeService } from '../../src/main/core/calendar/exchange';
import { Importer, type StagedImport } from '../../src/main/core/calendar/importer';
import { Staging, ownStrings } from '../../src/main/core/calendar/staging';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { CampaignRepository } from '../../src/main/core/repositories/campaigns';
import { ExchangeRepository } from '../../src/main/core/repositories/exchange';
import { HistoryRepository } from '../../src/main/core/repositories/history';
import { openStore } from '../../src/main/core/store/database';
import type { Workspace } from '../../src/shared/domain';
import { tempDir } from '../helpers/temp';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** Memory in use once everything unreachable is collected (strings may live outside the V8 heap). */
const used = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

const EVENTS = 3000;
/** An agenda from another app: long UIDs and summaries (cut from the file as they are), and a 4 KB note per event that Tribune does not keep. */
function agenda(): Buffer {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Médiathèque//Agenda//FR'];
  for (let i = 0; i < EVENTS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push('BEGIN:VEVENT', `UID:atelier-${i}-médiathèque@agenda.example.org`, 'DTSTAMP:20261201T100000Z', `DTSTART:202703${day}T150000Z`, 'DTEND:20270301T160000Z');
    lines.push(`SUMMARY:Atelier numéro ${i} à la médiathèque avec les enfants du quartier`);
    for (let k = 0; k < 60; k++) lines.push(`X-NOTE-${k}:${'é'.repeat(60)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return Buffer.from(lines.join('\r\n'));
}

async function exchange(dir: string) {
  const { db } = await openStore({ file: path.join(dir, 'tribune.sqlite3'), backupDir: path.join(dir, 'backups'), clock: { now: () => Date.now() } });
  const ws: Workspace = { id: '7d1f9a52-4a7e-4c55-9a55-3a0f2b6b1c01', name: 'Médiathèque', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: new Date(0).toISOString() };
  db.prepare('INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, ?, ?, ?, 0)').run(ws.id, ws.name, ws.color, ws.timeZone);
  const repo = new ExchangeRepository(db);
  const importer = new Importer(db, repo, new HistoryRepository(db), () => Date.now());
  const files = new ExchangeService({ db, now: () => Date.now(), exchange: repo, importer, campaigns: new CampaignRepository(db), accounts: new AccountRepository(db), media: null });
  return { db, ws, files };
}

describe('a staged import', () => {
  it('does not keep the decoded file alive, and keeps every value it read from it', async () => {
    const { db, ws, files } = await exchange(tempDir());
    const staging = new Staging<StagedImport>(() => Date.now());
    const before = used();
    // The file's bytes go out of reach once staged, as they do after calendar.importPreview.
    const { staged, fileBytes } = ((file: Buffer) => ({ staged: files.stage(ws, 'agenda.ics', file), fileBytes: file.length }))(agenda());
    staging.keep(staged.importId, staged);
    // What the person is shown (as it travels, in JSON): its titles are cut from the file too, but it is sent, not kept.
    const answered = JSON.stringify(Importer.preview(staged));
    await staging.settled;
    const held = used() - before;

    // The decoded file alone takes at least its size in bytes: what is kept is much less.
    expect(fileBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(held).toBeLessThan(fileBytes / 2);
    // Nothing read from the file was lost on the way.
    const kept = staging.preview(staged.importId);
    expect(kept.items).toHaveLength(EVENTS);
    expect(kept.items[7]!.uid).toBe('atelier-7-médiathèque@agenda.example.org');
    expect(kept.items[7]!.theirs!.text).toBe('Atelier numéro 7 à la médiathèque avec les enfants du quartier');
    expect(JSON.stringify(Importer.preview(kept))).toBe(answered);
    db.close();
  });

  it('from a bundle keeps its images for the apply, not the calendar file it was read from', async () => {
    const { db, ws, files } = await exchange(tempDir());
    const staging = new Staging<StagedImport>(() => Date.now());
    const before = used();
    const { staged, calendarBytes } = ((calendar: Buffer) => ({
      staged: files.stage(ws, 'plan.tribune.zip', zipSync({ 'calendar.ics': new Uint8Array(calendar) }, { level: 0 })),
      calendarBytes: calendar.length,
    }))(agenda());
    staging.keep(staged.importId, staged);
    await staging.settled;
    const held = used() - before;

    expect(held).toBeLessThan(calendarBytes / 2);
    expect(staging.preview(staged.importId).items).toHaveLength(EVENTS);
    db.close();
  });

  it('keeps its values equal, and one value met in several places stays one string', () => {
    const source = `xx${'UID:atelier-42@agenda.example.org'}yy`;
    const uid = source.slice(6, -2);
    const theirs = { uid, id: 'a1b2c3d4-0000-4000-8000-000000000001', text: source.slice(2, -2), labels: [{ name: source.slice(2, 20), color: '#2563eb' }], comments: [], media: [], targets: [], campaign: null, content: { targets: [] } };
    const staged = {
      items: [{ uid, theirs, mine: null, plan: { uid, result: theirs, fields: [{ field: 'text', base: null, mine: null, theirs: theirs.text, conflict: false }] } }],
      rowProblems: [{ line: 3, code: 'csv_date_invalid', params: { value: source.slice(4, 30) } }],
    } as unknown as StagedImport;
    const content = theirs.content;
    ownStrings(staged);
    const item = staged.items[0]!;
    expect(item.uid).toBe('atelier-42@agenda.example.org');
    expect(item.theirs!.text).toBe('UID:atelier-42@agenda.example.org');
    expect(item.theirs!.labels[0]!.name).toBe('UID:atelier-42@age');
    expect(staged.rowProblems[0]!.params.value).toBe('D:atelier-42@agenda.exampl');
    expect(item.plan.result).toBe(item.theirs);
    expect(item.theirs!.content).toBe(content);
    expect(item.plan.fields[0]!.theirs).toBe(item.theirs!.text);
  });
});
