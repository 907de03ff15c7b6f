import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import type { Core } from '../../src/main/core/types';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { manualClock, tempDir } from '../helpers/temp';

async function core(options: { maxDatabasePages?: number } = {}) {
  const dir = tempDir();
  const clock = manualClock();
  // An in-memory keychain double: the real Secret Service is exercised in tests/integration.
  const c = await openCore({ dataDir: dir, host: 'web', keychain: new MemoryKeychain(), clock, systemLocale: 'fr_FR.UTF-8', ...options });
  const events: { event: string; payload: unknown }[] = [];
  c.subscribe((event, payload) => events.push({ event, payload }));
  return { core: c, dir, clock, events };
}

async function value<T = unknown>(c: Core, command: string, input: unknown): Promise<T> {
  const result = await c.handle(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('the contract at the core boundary', () => {
  it('refuses an unknown command with a stable code', async () => {
    const { core: c } = await core();
    expect(await c.handle('drafts.dropAll', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await c.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    await c.close();
  });

  it.for([
    ['draft.save', { id: 'not-a-uuid', workspaceId: randomUUID(), text: 'x' }, 'id'],
    ['draft.save', { id: randomUUID(), workspaceId: randomUUID(), text: 42 }, 'text'],
    ['draft.save', { id: randomUUID(), workspaceId: randomUUID(), text: 'x', sql: 'DROP TABLE drafts' }, ''],
    ['draft.save', { id: randomUUID(), workspaceId: randomUUID(), text: 'x'.repeat(100_001) }, 'text'],
    ['workspace.create', { name: '   ' }, 'name'],
    ['workspace.create', { name: 'x'.repeat(81) }, 'name'],
    ['settings.update', { language: 'de' }, 'language'],
    ['vault.setupPassphrase', { passphrase: 'short' }, 'passphrase'],
    ['vault.useUnprotectedKey', { acknowledgeRisk: false }, 'acknowledgeRisk'],
    ['draft.list', null, 'workspaceId'],
    ['draft.list', 'workspace', ''],
  ] as [string, unknown, string][])('rejects malformed %s input as invalid_input naming the field', async ([command, input, field]) => {
    const { core: c } = await core();
    const result = await c.handle(command, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain(command);
    expect(result.error.issues?.map((i) => i.path)).toContain(field);
    await c.close();
  });

  it('turns an unexpected failure into a typed internal error and keeps serving', async () => {
    const { core: c, dir } = await core();
    const ws = await value<{ id: string }>(c, 'workspace.create', { name: 'Musée' });
    // Break the schema behind the core's back: the next draft query throws a non-storage error.
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(path.join(dir, 'tribune.sqlite3'));
    other.exec('DROP INDEX drafts_by_workspace; ALTER TABLE drafts RENAME TO drafts_gone');
    other.close();
    const broken = await c.handle('draft.list', { workspaceId: ws.id });
    expect(broken).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await c.handle('workspace.list', {})).toMatchObject({ ok: true, value: [{ name: 'Musée' }] });
    await c.close();
  });

  it('reports a full disk as storage_failed with a readable message, keeping earlier drafts', async () => {
    const { core: c } = await core({ maxDatabasePages: 40 });
    const ws = await value<{ id: string }>(c, 'workspace.create', { name: 'Office de tourisme' });
    const first = randomUUID();
    await value(c, 'draft.save', { id: first, workspaceId: ws.id, text: 'Marché de Noël samedi' });
    const huge = await c.handle('draft.save', { id: randomUUID(), workspaceId: ws.id, text: 'é'.repeat(99_000) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    if (!huge.ok) expect(huge.error.message).toMatch(/disk is full/);
    expect(await value(c, 'draft.list', { workspaceId: ws.id })).toMatchObject([{ id: first, text: 'Marché de Noël samedi' }]);
    await c.close();
  });
});

describe('workspaces and drafts', () => {
  it('creates, renames and deletes workspaces, deleting their drafts with them', async () => {
    const { core: c, events } = await core();
    const a = await value<{ id: string; timeZone: string; color: string }>(c, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' });
    const b = await value<{ id: string; color: string }>(c, 'workspace.create', { name: 'Brasserie' });
    expect(a.timeZone).toBe('Europe/Paris');
    expect(a.color).not.toBe(b.color);
    expect(await c.handle('workspace.create', { name: 'X', timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'time_zone_unknown', params: { zone: 'Mars/Olympus' } } });
    await value(c, 'workspace.rename', { id: a.id, name: 'Musée des Beaux-Arts' });
    await value(c, 'draft.save', { id: randomUUID(), workspaceId: a.id, text: 'Nocturne' });
    await value(c, 'workspace.delete', { id: a.id });
    expect(await value(c, 'workspace.list', {})).toMatchObject([{ id: b.id, name: 'Brasserie' }]);
    expect(await c.handle('draft.list', { workspaceId: a.id })).toMatchObject({ ok: true, value: [] });
    expect(await c.handle('workspace.rename', { id: a.id, name: 'Y' })).toMatchObject({ ok: false, error: { code: 'workspace_not_found' } });
    expect(events.filter((e) => e.event === 'workspaces.changed')).toHaveLength(4);
    await c.close();
  });

  it('saves drafts idempotently, lists them newest first, duplicates, deletes and restores', async () => {
    const { core: c, clock, events } = await core();
    const ws = await value<{ id: string }>(c, 'workspace.create', { name: 'Musée' });
    const d1 = randomUUID();
    const d2 = randomUUID();
    await value(c, 'draft.save', { id: d1, workspaceId: ws.id, text: 'Premier' });
    clock.advance(1000);
    await value(c, 'draft.save', { id: d2, workspaceId: ws.id, text: 'Second' });
    clock.advance(1000);
    // Saving the same id again updates, it never creates a second draft.
    const updated = await value<{ revision: number; text: string }>(c, 'draft.save', { id: d1, workspaceId: ws.id, text: 'Premier, corrigé' });
    expect(updated).toMatchObject({ revision: 2, text: 'Premier, corrigé' });
    expect((await value<{ id: string }[]>(c, 'draft.list', { workspaceId: ws.id })).map((d) => d.id)).toEqual([d1, d2]);

    clock.advance(1000);
    const copy = await value<{ id: string; text: string }>(c, 'draft.duplicate', { id: d2 });
    expect(copy.id).not.toBe(d2);
    expect(copy.text).toBe('Second');
    expect((await value<{ id: string }[]>(c, 'draft.list', { workspaceId: ws.id })).map((d) => d.id)).toEqual([copy.id, d1, d2]);

    await value(c, 'draft.delete', { id: d1 });
    expect((await value<{ id: string }[]>(c, 'draft.list', { workspaceId: ws.id })).map((d) => d.id)).toEqual([copy.id, d2]);
    expect(await c.handle('draft.save', { id: d1, workspaceId: ws.id, text: 'late autosave' })).toMatchObject({ ok: false, error: { code: 'draft_deleted' } });
    expect(await c.handle('draft.get', { id: d1 })).toMatchObject({ ok: false, error: { code: 'draft_not_found' } });
    const restored = await value<{ text: string }>(c, 'draft.restore', { id: d1 });
    expect(restored.text).toBe('Premier, corrigé');
    expect((await value<unknown[]>(c, 'draft.list', { workspaceId: ws.id }))).toHaveLength(3);
    expect(await c.handle('draft.restore', { id: d1 })).toMatchObject({ ok: false, error: { code: 'draft_not_found' } });
    expect(events.filter((e) => e.event === 'drafts.changed').every((e) => (e.payload as { workspaceId: string }).workspaceId === ws.id)).toBe(true);
    await c.close();
  });

  it('refuses to move a draft into another workspace through a save', async () => {
    const { core: c } = await core();
    const a = await value<{ id: string }>(c, 'workspace.create', { name: 'A' });
    const b = await value<{ id: string }>(c, 'workspace.create', { name: 'B' });
    const id = randomUUID();
    await value(c, 'draft.save', { id, workspaceId: a.id, text: 'à A' });
    expect(await c.handle('draft.save', { id, workspaceId: b.id, text: 'vol' })).toMatchObject({ ok: false, error: { code: 'draft_id_taken' } });
    expect(await c.handle('draft.save', { id: randomUUID(), workspaceId: randomUUID(), text: 'orphan' })).toMatchObject({ ok: false, error: { code: 'workspace_not_found' } });
    await c.close();
  });

  it('keeps drafts and settings across a restart of the core', async () => {
    const dir = tempDir();
    const keychain = new MemoryKeychain();
    const first = await openCore({ dataDir: dir, host: 'web', keychain });
    const ws = await value<{ id: string }>(first, 'workspace.create', { name: 'Musée' });
    const id = randomUUID();
    await value(first, 'draft.save', { id, workspaceId: ws.id, text: 'Ne rien perdre 🚆' });
    await value(first, 'settings.update', { language: 'en' });
    await first.close();
    const second = await openCore({ dataDir: dir, host: 'web', keychain });
    expect(await value(second, 'draft.get', { id })).toMatchObject({ text: 'Ne rien perdre 🚆' });
    expect(await value(second, 'settings.get', {})).toMatchObject({ language: 'en', theme: 'system' });
    expect(await value(second, 'app.info', {})).toMatchObject({ host: 'web', dataDir: dir, systemLanguage: 'en' });
    await second.close();
  });
});
