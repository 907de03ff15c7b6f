/**
 * An import is all or nothing: when the disk fills up halfway through writing a teammate's
 * plan, nothing of the file is left (no post, no label, no exchange base, no undo entry), what
 * was there before is intact, and the same file imports whole once there is room again.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { ImportBatch, ImportPreview, ImportResult } from '../../src/shared/calendar/schemas';
import { openCore } from '../../src/main/core/app';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { call, calendarCore, failure } from '../helpers/calendar/core';
import { manualClock, tempDir } from '../helpers/temp';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-06-01T00:00:00.000Z';
const POSTS = 150;

const open = (dataDir: string, maxDatabasePages?: number) =>
  openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), clock: manualClock(Date.parse('2027-02-01T09:00:00.000Z')), systemLocale: 'fr_FR.UTF-8', ...(maxDatabasePages ? { maxDatabasePages } : {}) });

const planned = async (c: Core, workspaceId: string) =>
  (await call<{ items: { excerpt: string }[] }>(c, 'calendar.range', { workspaceId, from: FROM, to: TO })).items.map((i) => i.excerpt);

it('a disk that fills up halfway through an import leaves nothing of the file, and the file imports whole once there is room', async () => {
  // Alice's plan: 150 posts with a label and a long text each (about 0.7 MB with their exchange bases).
  const { core: alice } = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
  const wsA = (await call<{ id: string }>(alice, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
  const label = await call<{ id: string }>(alice, 'label.save', { workspaceId: wsA, name: 'Presse', color: '#db2777' });
  for (let i = 0; i < POSTS; i++) {
    const id = randomUUID();
    await call(alice, 'draft.save', { id, workspaceId: wsA, text: `Post ${i} : ${'visite guidée du musée, '.repeat(60)}` });
    await call(alice, 'post.setPlanning', { draftId: id, plannedAt: new Date(Date.parse('2027-03-02T09:00:00.000Z') + i * 3_600_000).toISOString(), labelIds: [label.id] });
  }
  const file = (await call<{ dataBase64: string }>(alice, 'calendar.export', { workspaceId: wsA, from: FROM, to: TO, format: 'ics' })).dataBase64;
  await alice.close();

  // Bruno's disk has room for his own plan but not for Alice's.
  const dir = tempDir();
  const bruno = await open(dir, 100);
  const ws = (await call<{ id: string }>(bruno, 'workspace.create', { name: 'Musée (Bruno)', timeZone: 'Europe/Paris' })).id;
  const mine = randomUUID();
  await call(bruno, 'draft.save', { id: mine, workspaceId: ws, text: 'Vernissage jeudi' });
  await call(bruno, 'post.setPlanning', { draftId: mine, plannedAt: '2027-03-01T17:00:00.000Z' });
  const preview = await call<ImportPreview>(bruno, 'calendar.importPreview', { workspaceId: ws, fileName: 'plan-alice.ics', dataBase64: file });
  expect(preview.counts.new).toBe(POSTS);
  const refused = await failure(bruno, 'calendar.importApply', { importId: preview.importId });
  expect(refused.code).toBe('storage_failed');
  expect(refused.message).toMatch(/disk is full/);

  // Nothing of the file: not a post, not a label, not an undo entry. Bruno's post is as it was.
  expect(await planned(bruno, ws)).toEqual(['Vernissage jeudi']);
  expect(await call<{ name: string }[]>(bruno, 'label.list', { workspaceId: ws })).toEqual([]);
  expect(await call<ImportBatch[]>(bruno, 'calendar.importList', { workspaceId: ws })).toEqual([]);
  expect((await call<{ text: string }>(bruno, 'draft.get', { id: mine })).text).toBe('Vernissage jeudi');
  await bruno.close();

  // Room again: the same file, previewed again (nothing was exchanged), imports whole.
  const roomy = await open(dir);
  const again = await call<ImportPreview>(roomy, 'calendar.importPreview', { workspaceId: ws, fileName: 'plan-alice.ics', dataBase64: file });
  expect(again.counts).toMatchObject({ new: POSTS, changed: 0, unchanged: 0, conflict: 0 });
  expect(await call<ImportResult>(roomy, 'calendar.importApply', { importId: again.importId })).toMatchObject({ created: POSTS });
  expect(await planned(roomy, ws)).toHaveLength(POSTS + 1);
  await roomy.close();
}, 60_000);
