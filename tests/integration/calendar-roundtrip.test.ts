import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import type { ImportPreview, ImportResult } from '../../src/shared/calendar/schemas';
import { call, calendarCore } from '../helpers/calendar/core';
import { generatePosts, makeImages } from '../helpers/calendar/generate';
import { openSnapshots } from '../helpers/calendar/snapshots';

const FROM = '2027-01-01T00:00:00.000Z';
const TO = '2028-01-01T00:00:00.000Z';

describe('a plan travels through an iCalendar file without losing anything', () => {
  it('exports 1,000 awkward posts, imports them into an empty data folder, and every field is equal', async () => {
    const a = await calendarCore({ start: Date.parse('2027-01-01T08:00:00.000Z') });
    const wsA = await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée; "Orsay", Paris', timeZone: 'Europe/Paris' });
    const images = await makeImages(a.core, wsA.id, 3);
    const { ids } = await generatePosts(a.core, wsA.id, 1000, { images });
    const file = await call<{ dataBase64: string; posts: number; fileName: string }>(a.core, 'calendar.export', { workspaceId: wsA.id, from: FROM, to: TO, format: 'ics' });
    expect(file.posts).toBe(1000);
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');

    // Folding: no physical line above 75 octets; lines end with CRLF.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);

    // ical.js reads it: 1,000 events, both zones, each DTSTART equal to the post's instant.
    const vcal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const zones = vcal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    expect(zones.sort()).toEqual(['America/New_York', 'Europe/Paris']);
    for (const z of vcal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(z);
    const events = vcal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1000);
    const source = openSnapshots(a.dir, wsA.id);
    for (const ev of events) {
      const uid = String(ev.getFirstPropertyValue('uid'));
      const post = source.get(uid)!;
      const start = ev.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(new Date(start.toUnixTime() * 1000).toISOString(), uid).toBe(new Date(Math.floor(Date.parse(post.at!) / 1000) * 1000).toISOString());
      expect(ev.getFirstPropertyValue('description')).toBe(post.text);
    }
    for (const z of zones) ICAL.TimezoneService.remove(String(z));

    // Into an empty data folder.
    const b = await calendarCore({ start: Date.parse('2027-01-02T08:00:00.000Z') });
    const wsB = await call<{ id: string }>(b.core, 'workspace.create', { name: 'Équipe', timeZone: 'Europe/Paris' });
    const chunked = await upload(b.core, wsB.id, file.fileName, Buffer.from(file.dataBase64, 'base64'));
    const preview = await call<ImportPreview>(b.core, 'calendar.importPreview', { workspaceId: wsB.id, uploadId: chunked });
    expect(preview.counts).toMatchObject({ new: 1000, changed: 0, conflict: 0, deleted: 0 });
    const applied = await call<ImportResult>(b.core, 'calendar.importApply', { importId: preview.importId });
    expect(applied).toMatchObject({ created: 1000, updated: 0 });

    const imported = openSnapshots(b.dir, wsB.id);
    expect(imported.size).toBe(1000);
    for (const id of ids) {
      const original = [...source.values()].find((s) => s.id === id)!;
      const copy = imported.get(original.uid)!;
      const { sequence: _s, lastModified: _l, status: _st, ...rest } = original;
      expect(copy, original.uid).toMatchObject(rest);
    }
    // The same file again changes nothing.
    const again = await call<ImportPreview>(b.core, 'calendar.importPreview', { workspaceId: wsB.id, uploadId: await upload(b.core, wsB.id, file.fileName, Buffer.from(file.dataBase64, 'base64')) });
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 1000, conflict: 0, deleted: 0 });
    await a.core.close();
    await b.core.close();
  }, 180_000);
});

async function upload(core: import('../../src/main/core/types').Core, workspaceId: string, fileName: string, data: Buffer): Promise<string> {
  const begun = await call<{ uploadId: string; chunkBytes: number; chunks: number }>(core, 'calendar.uploadBegin', { workspaceId, fileName, bytes: data.length });
  for (let i = 0; i < begun.chunks; i++) {
    await call(core, 'calendar.uploadChunk', { uploadId: begun.uploadId, index: i, dataBase64: data.subarray(i * begun.chunkBytes, (i + 1) * begun.chunkBytes).toString('base64') });
  }
  return begun.uploadId;
}

describe('a plan with its images, and the same plan as a spreadsheet', () => {
  it('sends a bundle whose images arrive with the posts, byte for byte, and a Hootsuite-layout CSV', async () => {
    const a = await calendarCore({ start: Date.parse('2027-01-01T08:00:00.000Z') });
    const wsA = await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' });
    const images = await makeImages(a.core, wsA.id, 2);
    await generatePosts(a.core, wsA.id, 12, { images });
    const bundle = await call<{ dataBase64: string; fileName: string; mime: string }>(a.core, 'calendar.export', { workspaceId: wsA.id, from: FROM, to: TO, format: 'bundle' });
    expect(bundle).toMatchObject({ mime: 'application/zip' });
    expect(bundle.fileName).toMatch(/\.tribune\.zip$/);

    const b = await calendarCore({ start: Date.parse('2027-01-02T08:00:00.000Z') });
    const wsB = await call<{ id: string }>(b.core, 'workspace.create', { name: 'Équipe', timeZone: 'Europe/Paris' });
    const preview = await call<ImportPreview>(b.core, 'calendar.importPreview', { workspaceId: wsB.id, uploadId: await upload(b.core, wsB.id, bundle.fileName, Buffer.from(bundle.dataBase64, 'base64')) });
    expect(preview).toMatchObject({ format: 'bundle', counts: { new: 12 } });
    await call(b.core, 'calendar.importApply', { importId: preview.importId });
    for (const image of images) {
      const original = await call<{ dataUrl: string }>(a.core, 'media.thumbnail', { id: image.id });
      const copy = await call<{ dataUrl: string }>(b.core, 'media.thumbnail', { id: image.id });
      expect(copy.dataUrl).toBe(original.dataUrl);
    }
    const source = openSnapshots(a.dir, wsA.id);
    const imported = openSnapshots(b.dir, wsB.id);
    for (const [uid, post] of source) expect(imported.get(uid)!.media).toEqual(post.media);

    const csv = await call<{ dataBase64: string; mime: string }>(a.core, 'calendar.export', { workspaceId: wsA.id, from: FROM, to: TO, format: 'csv' });
    const rows = Papa.parse<string[]>(Buffer.from(csv.dataBase64, 'base64').toString('utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['date', 'time', 'message', 'link', 'account', 'campaign', 'labels', 'status', 'uid']);
    expect(rows).toHaveLength(13);
    const first = [...source.values()].sort((x, y) => x.at!.localeCompare(y.at!))[0]!;
    const row = rows.find((r) => r[8] === first.uid)!;
    // Date and time in the workspace's zone (Paris, winter time), the message whole.
    expect(row.slice(0, 3)).toEqual(['2027-03-14', '07:30', first.text]);
    await a.core.close();
    await b.core.close();
  }, 60_000);
});
