import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/core/store/database';
import { AppFailure } from '../../src/shared/result';
import type { VaultStatus } from '../../src/shared/domain';
import { Vault } from '../../src/main/core/vault/vault';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { NO_KEYCHAIN_PROBLEM } from '../../src/main/core/vault/keychain';
import { newDataKey } from '../../src/main/core/vault/crypto';

const clock = { now: () => Date.parse('2026-11-22T08:00:00.000Z') };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A data folder with a workspace, a draft and two accounts: `linked` will hold secrets, `idle` none. */
async function dataFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-vault-modes-'));
  const { db } = await openStore({ file: path.join(dir, 'tribune.sqlite3'), backupDir: path.join(dir, 'backups'), clock });
  cleanups.push(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const workspaceId = randomUUID();
  db.prepare('INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, ?, ?, ?, ?)').run(workspaceId, 'Club', '#2563eb', 'Europe/Paris', 0);
  db.prepare('INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision) VALUES (?, ?, ?, 0, 0, 3)').run(randomUUID(), workspaceId, 'Match on Sunday!');
  const addAccount = (handle: string) => {
    const id = randomUUID();
    db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, created_at) VALUES (?, ?, 'mastodon', ?, ?, 0)").run(id, workspaceId, handle, handle);
    return id;
  };
  const linked = addAccount('linked@club.test');
  const idle = addAccount('idle@club.test');
  const open = (keychain: MemoryKeychain | null, keychainProblem?: string) => Vault.open({ db, dataDir: dir, keychain, keychainProblem, clock });
  const health = (id: string) => (db.prepare('SELECT health FROM accounts WHERE id = ?').get(id) as { health: string }).health;
  const snapshot = () => ({
    workspaces: db.prepare('SELECT * FROM workspaces').all(),
    drafts: db.prepare('SELECT * FROM drafts').all(),
  });
  return { dir, db, linked, idle, open, health, snapshot };
}

async function rejection(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => new Error('expected an AppFailure, the call succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('no keychain: passphrase', () => {
  it('asks for setup with a clear sentence, then protects secrets with a passphrase that is needed at each start', async () => {
    const folder = await dataFolder();
    const vault = await folder.open(null);
    expect(vault.status()).toEqual({ state: 'needs_setup', mode: null, keychainAvailable: false, problem: NO_KEYCHAIN_PROBLEM });

    const seen: VaultStatus[] = [];
    vault.onChange((s) => seen.push(s));
    await expect(vault.setupPassphrase('short')).rejects.toMatchObject({ code: 'vault_passphrase_too_short', params: { min: 8 } });
    const ready = await vault.setupPassphrase('correct horse battery');
    expect(ready).toEqual({ state: 'ready', mode: 'passphrase', keychainAvailable: false, problem: null });
    expect(seen.map((s) => s.state)).toEqual(['ready']);
    vault.storeSecret('app-password', folder.linked, 'abcd-efgh-ijkl-mnop');

    const params = JSON.parse((folder.db.prepare("SELECT value FROM vault_meta WHERE key = 'kdf_params'").get() as { value: Buffer }).value.toString());
    expect(params.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(params).toMatchObject({ r: 8, p: 1 });

    const restarted = await folder.open(null);
    expect(restarted.status()).toMatchObject({ state: 'locked', mode: 'passphrase' });
    expect(() => restarted.readSecret('app-password')).toThrow(expect.objectContaining({ code: 'vault_locked' }));

    const wrong = await rejection(restarted.unlock('incorrect horse battery'));
    expect(wrong.code).toBe('vault_wrong_passphrase');
    expect(wrong.message).not.toContain('horse');
    expect(restarted.status().state).toBe('locked');

    const changes: VaultStatus[] = [];
    restarted.onChange((s) => changes.push(s));
    expect((await restarted.unlock('correct horse battery')).state).toBe('ready');
    expect(changes).toEqual([{ state: 'ready', mode: 'passphrase', keychainAvailable: false, problem: null }]);
    expect(restarted.readSecret('app-password')).toBe('abcd-efgh-ijkl-mnop');
    expect(restarted.scrubber.scrub('pass=correct horse battery')).toBe('pass=[secret]');
  });

  it('shows the problem loadSystemKeychain reported, and refuses a second setup', async () => {
    const folder = await dataFolder();
    const vault = await folder.open(null, 'The system keychain could not be loaded (libsecret missing).');
    expect(vault.status().problem).toBe('The system keychain could not be loaded (libsecret missing).');
    await vault.setupPassphrase('correct horse battery');
    expect((await rejection(vault.setupPassphrase('another passphrase'))).code).toBe('vault_already_set_up');
    expect((await rejection(vault.useUnprotectedKey())).code).toBe('vault_already_set_up');
  });
});

describe('no keychain: unprotected key file', () => {
  it('never writes a clear-text key on its own; only useUnprotectedKey does, with mode 0600', async () => {
    const folder = await dataFolder();
    const keyFile = path.join(folder.dir, 'vault.key');
    const vault = await folder.open(null);
    expect(() => vault.storeSecret('access', folder.linked, 'tok-x')).toThrow(expect.objectContaining({ code: 'vault_unavailable' }));
    await folder.open(null);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(vault.status().state).toBe('needs_setup');

    expect(await vault.useUnprotectedKey()).toEqual({ state: 'ready', mode: 'plaintext', keychainAvailable: false, problem: null });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    vault.storeSecret('access', folder.linked, 'tok-plain-mode');

    const restarted = await folder.open(null);
    expect(restarted.status()).toMatchObject({ state: 'ready', mode: 'plaintext', problem: null });
    expect(restarted.readSecret('access')).toBe('tok-plain-mode');
  });

  it('with a keychain available, sets itself up in the keychain and writes no key file', async () => {
    const folder = await dataFolder();
    const keychain = new MemoryKeychain();
    const vault = await folder.open(keychain);
    expect(vault.status()).toMatchObject({ state: 'ready', mode: 'keychain' });
    expect(keychain.entries.size).toBe(1);
    expect(fs.existsSync(path.join(folder.dir, 'vault.key'))).toBe(false);
  });
});

describe('keychain entry lost or changed (in-memory keychain double)', () => {
  it.each([
    ['deleted', (k: MemoryKeychain) => k.entries.clear(), /was missing from the system keychain/],
    ['replaced', (k: MemoryKeychain) => k.entries.forEach((_, slot) => k.entries.set(slot, newDataKey().toString('base64'))), /was replaced/],
    ['overwritten with junk', (k: MemoryKeychain) => k.entries.forEach((_, slot) => k.entries.set(slot, 'not a key')), /was replaced/],
  ])('entry %s: accounts with secrets need reconnecting, nothing else is lost, a new key works', async (_, damage, explanation) => {
    const folder = await dataFolder();
    const keychain = new MemoryKeychain();
    const vault = await folder.open(keychain);
    vault.storeSecret('linked-access', folder.linked, 'tok-linked-access');
    vault.storeSecret('linked-refresh', folder.linked, 'tok-linked-refresh');
    const before = folder.snapshot();

    damage(keychain);
    const restarted = await folder.open(keychain);
    const status = restarted.status();
    expect(status).toMatchObject({ state: 'ready', mode: 'keychain', keychainAvailable: true });
    expect(status.problem).toMatch(explanation);
    expect(status.problem).toMatch(/1 account needs to be reconnected/);
    expect(folder.health(folder.linked)).toBe('reconnect_needed');
    expect(folder.health(folder.idle)).toBe('ok');
    expect(folder.snapshot()).toEqual(before);
    expect(restarted.readSecret('linked-access')).toBeNull();

    restarted.storeSecret('linked-access', folder.linked, 'tok-after-reconnect');
    const again = await folder.open(keychain);
    expect(again.status()).toMatchObject({ state: 'ready', problem: null });
    expect(again.readSecret('linked-access')).toBe('tok-after-reconnect');
  });

  it('keychain mode but no keychain now: locked with a clear problem, secrets and accounts kept, no clear-text fallback', async () => {
    const folder = await dataFolder();
    const keychain = new MemoryKeychain();
    (await folder.open(keychain)).storeSecret('linked-access', folder.linked, 'tok-kept');

    const withoutBus = await folder.open(null, 'No system keychain was found (Secret Service is not running).');
    expect(withoutBus.status()).toMatchObject({ state: 'locked', mode: 'keychain', keychainAvailable: false });
    expect(withoutBus.status().problem).toMatch(/cannot be reached now.*Nothing was deleted/);
    expect(() => withoutBus.readSecret('linked-access')).toThrow(expect.objectContaining({ code: 'vault_locked' }));
    expect((await rejection(withoutBus.useUnprotectedKey())).code).toBe('vault_already_set_up');
    expect(fs.existsSync(path.join(folder.dir, 'vault.key'))).toBe(false);

    keychain.unreachable = true;
    const failing = await folder.open(keychain);
    expect(failing.status()).toMatchObject({ state: 'locked', mode: 'keychain', keychainAvailable: false });
    expect(folder.health(folder.linked)).toBe('ok');

    keychain.unreachable = false;
    expect((await folder.open(keychain)).readSecret('linked-access')).toBe('tok-kept');
  });

  it('entry gone and the keychain refuses the new key: nothing is deleted, state key_mismatch', async () => {
    const folder = await dataFolder();
    const keychain = new MemoryKeychain();
    (await folder.open(keychain)).storeSecret('linked-access', folder.linked, 'tok-kept');
    keychain.entries.clear();
    keychain.refuseWrites = true;
    const vault = await folder.open(keychain);
    expect(vault.status()).toMatchObject({ state: 'key_mismatch', mode: 'keychain' });
    expect(vault.status().problem).toMatch(/Nothing was deleted/);
    expect(() => vault.storeSecret('x', null, 'tok-y')).toThrow(expect.objectContaining({ code: 'vault_key_mismatch' }));
    expect(folder.db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 1 });
    expect(folder.health(folder.linked)).toBe('ok');
  });

  it('a keychain that reads but refuses writes on first start counts as no keychain: passphrase offered', async () => {
    const folder = await dataFolder();
    const keychain = new MemoryKeychain();
    keychain.refuseWrites = true;
    const vault = await folder.open(keychain);
    expect(vault.status()).toMatchObject({ state: 'needs_setup', mode: null, keychainAvailable: false });
    expect(vault.status().problem).toMatch(/did not accept.*locked collection.*passphrase/);
  });

  it('two data folders sharing one keychain keep separate entries and never read each other’s key', async () => {
    const keychain = new MemoryKeychain();
    const a = await dataFolder();
    const b = await dataFolder();
    (await a.open(keychain)).storeSecret('s', a.linked, 'tok-a');
    (await b.open(keychain)).storeSecret('s', b.linked, 'tok-b');
    expect(keychain.entries.size).toBe(2);
    expect((await a.open(keychain)).readSecret('s')).toBe('tok-a');
    expect((await b.open(keychain)).readSecret('s')).toBe('tok-b');
    expect(a.health(a.linked)).toBe('ok');
  });
});

describe('unprotected key file lost', () => {
  it('a deleted vault.key is handled like a lost keychain entry: reconnect needed, new 0600 key file', async () => {
    const folder = await dataFolder();
    const vault = await folder.open(null);
    await vault.useUnprotectedKey();
    vault.storeSecret('linked-access', folder.linked, 'tok-file');
    fs.rmSync(path.join(folder.dir, 'vault.key'));
    const restarted = await folder.open(null);
    expect(restarted.status()).toMatchObject({ state: 'ready', mode: 'plaintext' });
    expect(restarted.status().problem).toMatch(/missing from the key file/);
    expect(folder.health(folder.linked)).toBe('reconnect_needed');
    expect(fs.statSync(path.join(folder.dir, 'vault.key')).mode & 0o777).toBe(0o600);
  });
});
