import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../src/main/core/store/database';
import { takeBackup } from '../../src/main/core/store/backups';
import { AppFailure } from '../../src/shared/result';
import { Vault } from '../../src/main/core/vault/vault';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { SecretScrubber } from '../../src/main/core/vault/scrub';
import { keyCheckValue, newDataKey, openSecret, sealSecret } from '../../src/main/core/vault/crypto';

const clock = { now: () => Date.parse('2026-11-22T08:00:00.000Z') };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function freshStore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-vault-'));
  const file = path.join(dir, 'tribune.sqlite3');
  const { db } = await openStore({ file, backupDir: path.join(dir, 'backups'), clock });
  cleanups.push(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const workspaceId = randomUUID();
  db.prepare('INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, ?, ?, ?, ?)').run(workspaceId, 'Club', '#2563eb', 'Europe/Paris', 0);
  const accountId = randomUUID();
  db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, created_at) VALUES (?, ?, 'bluesky', 'club.test', 'Club', 0)").run(
    accountId,
    workspaceId,
  );
  return { dir, file, db, accountId };
}

async function readyVault(keychain = new MemoryKeychain()) {
  const store = await freshStore();
  const vault = await Vault.open({ db: store.db, dataDir: store.dir, keychain, clock });
  return { ...store, keychain, vault };
}

/** Runs fn and returns the AppFailure it throws (failing the test if it throws anything else or nothing). */
function failureOf(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return error as AppFailure;
  }
  throw new Error('expected an AppFailure, nothing was thrown');
}

const corrupt = (db: Db, id: string, column: 'nonce' | 'ciphertext' | 'tag') => {
  const row = db.prepare(`SELECT ${column} AS v FROM secrets WHERE id = ?`).get(id) as { v: Buffer };
  const altered = Buffer.from(row.v);
  altered[0] = altered[0]! ^ 0x01;
  db.prepare(`UPDATE secrets SET ${column} = ? WHERE id = ?`).run(altered, id);
};

describe('token vault: encryption (in-memory keychain double)', () => {
  it('stores a secret and reads the same text back, also after reopening with the same keychain', async () => {
    const { db, dir, keychain, vault, accountId } = await readyVault();
    expect(vault.status()).toEqual({ state: 'ready', mode: 'keychain', keychainAvailable: true, problem: null });
    vault.storeSecret('access', accountId, 'tok-access-é✓');
    expect(vault.readSecret('access')).toBe('tok-access-é✓');
    expect(vault.readSecret('never-stored')).toBeNull();

    const reopened = await Vault.open({ db, dataDir: dir, keychain, clock });
    expect(reopened.status().state).toBe('ready');
    expect(reopened.readSecret('access')).toBe('tok-access-é✓');
  });

  it('uses a fresh nonce for every encryption, so the same secret never gives the same bytes', async () => {
    const { db, vault, accountId } = await readyVault();
    vault.storeSecret('a', accountId, 'same-token');
    vault.storeSecret('b', accountId, 'same-token');
    const rows = db.prepare('SELECT nonce, ciphertext FROM secrets ORDER BY id').all() as { nonce: Buffer; ciphertext: Buffer }[];
    expect(rows[0]!.nonce.length).toBe(12);
    expect(rows[0]!.nonce.equals(rows[1]!.nonce)).toBe(false);
    expect(rows[0]!.ciphertext.equals(rows[1]!.ciphertext)).toBe(false);
  });

  it('rejects ciphertext under another key: decryption fails instead of returning garbage', async () => {
    const sealed = sealSecret(newDataKey(), 'id-1', 'tok-123456');
    expect(openSecret(newDataKey(), 'id-1', sealed)).toBeNull();

    // The keychain entry and the check value both replaced consistently: only GCM can notice.
    const { db, dir, keychain, vault, accountId } = await readyVault();
    vault.storeSecret('access', accountId, 'tok-original-key');
    const other = newDataKey();
    const [slot] = [...keychain.entries.keys()];
    keychain.entries.set(slot!, other.toString('base64'));
    db.prepare("UPDATE vault_meta SET value = ? WHERE key = 'key_check'").run(keyCheckValue(other));
    const reopened = await Vault.open({ db, dataDir: dir, keychain, clock });
    expect(reopened.status().state).toBe('ready');
    const failure = failureOf(() => reopened.readSecret('access'));
    expect(failure.code).toBe('vault_key_mismatch');
    expect(failure.message).toMatch(/could not be decrypted/);
    expect(failure.message).not.toContain('tok-original-key');
  });

  it.each(['nonce', 'ciphertext', 'tag'] as const)('detects a flipped bit in the %s and reports vault_key_mismatch', async (column) => {
    const { db, vault, accountId } = await readyVault();
    vault.storeSecret('access', accountId, 'tok-tamper-me');
    corrupt(db, 'access', column);
    const failure = failureOf(() => vault.readSecret('access'));
    expect(failure.code).toBe('vault_key_mismatch');
    expect(failure.message).not.toContain('tok-tamper-me');
  });

  it('binds each ciphertext to its row id: rows swapped between ids do not decrypt', async () => {
    const { db, vault, accountId } = await readyVault();
    vault.storeSecret('access', accountId, 'tok-access');
    vault.storeSecret('refresh', accountId, 'tok-refresh');
    const get = db.prepare('SELECT nonce, ciphertext, tag FROM secrets WHERE id = ?');
    const a = get.get('access') as Record<string, Buffer>;
    const r = get.get('refresh') as Record<string, Buffer>;
    const put = db.prepare('UPDATE secrets SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?');
    put.run(r.nonce, r.ciphertext, r.tag, 'access');
    put.run(a.nonce, a.ciphertext, a.tag, 'refresh');
    expect(failureOf(() => vault.readSecret('access')).code).toBe('vault_key_mismatch');
    expect(failureOf(() => vault.readSecret('refresh')).code).toBe('vault_key_mismatch');
  });

  it('replaces a secret stored again under the same id, and deletes secrets one by one or per account', async () => {
    const { db, vault, accountId } = await readyVault();
    vault.storeSecret('access', accountId, 'tok-v1');
    vault.storeSecret('access', accountId, 'tok-v2');
    expect(vault.readSecret('access')).toBe('tok-v2');
    vault.storeSecret('refresh', accountId, 'tok-refresh');
    vault.storeSecret('app-wide', null, 'tok-app');
    vault.deleteSecret('access');
    expect(vault.readSecret('access')).toBeNull();
    vault.deleteAccountSecrets(accountId);
    expect(vault.readSecret('refresh')).toBeNull();
    expect(vault.readSecret('app-wide')).toBe('tok-app');
    expect(db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 1 });
  });
});

describe('token vault: nothing readable at rest', () => {
  const forms = (bytes: Buffer) => [bytes, Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('utf8'), 'utf16le')];

  it('leaves neither the secret nor the key in the database file, its WAL, or a backup (checkpointed or not)', async () => {
    const { db, file, dir, keychain, vault, accountId } = await readyVault();
    const secret = `tok-${randomBytes(24).toString('hex')}`;
    vault.storeSecret('access', accountId, secret);
    const key = Buffer.from([...keychain.entries.values()][0]!, 'base64');
    const needles = [...forms(Buffer.from(secret, 'utf8')), ...forms(key).slice(0, 3)];

    const rawFiles = () => [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    const before = rawFiles();
    // Without a checkpoint the new row lives in the WAL: it must be there (as ciphertext), or the test proves nothing.
    expect(before[1]?.length ?? 0).toBeGreaterThan(0);
    const ciphertext = (db.prepare('SELECT ciphertext FROM secrets').get() as { ciphertext: Buffer }).ciphertext;
    expect(Buffer.concat(before).includes(ciphertext)).toBe(true);

    const backup = await takeBackup(db, { backupDir: path.join(dir, 'backups'), reason: 'test', clock, keep: 3 });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const after = rawFiles();
    expect(after[0]!.includes(ciphertext)).toBe(true);

    for (const blob of [...before, ...after, fs.readFileSync(backup)]) {
      for (const needle of needles) expect(blob.includes(needle)).toBe(false);
    }
  });
});

describe('token vault: refusals before it is ready', () => {
  it('refuses to store or read without a key and says why (vault_unavailable), never writing a row', async () => {
    const { db, dir, accountId } = await freshStore();
    const vault = await Vault.open({ db, dataDir: dir, keychain: null, clock });
    expect(failureOf(() => vault.storeSecret('access', accountId, 'tok-nokey')).code).toBe('vault_unavailable');
    expect(failureOf(() => vault.readSecret('access')).code).toBe('vault_unavailable');
    expect(db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 0 });
  });
});

describe('secret scrubber', () => {
  it('masks a remembered secret and its base64, base64url, URL-encoded and JSON-escaped forms', () => {
    const scrubber = new SecretScrubber();
    const secret = 'p@ss/wörd+"42"?';
    scrubber.remember(secret);
    const b64 = Buffer.from(secret).toString('base64');
    const text = [
      `raw ${secret}`,
      `b64 ${b64}`,
      `b64url ${Buffer.from(secret).toString('base64url')}`,
      `url ?t=${encodeURIComponent(secret)}`,
      `json ${JSON.stringify({ t: secret })}`,
    ].join('\n');
    const scrubbed = scrubber.scrub(text);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).not.toContain(b64);
    expect(scrubbed).not.toContain(encodeURIComponent(secret));
    expect(scrubbed).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(scrubbed.match(/\[secret\]/g)).toHaveLength(5);
    expect(scrubbed).toContain('url ?t=[secret]');
  });

  it('leaves text without secrets unchanged and ignores strings too short to be secrets', () => {
    const scrubber = new SecretScrubber();
    scrubber.remember('ab');
    scrubber.remember('tok-long-enough');
    expect(scrubber.scrub('about abc')).toBe('about abc');
    expect(scrubber.scrub('Bearer tok-long-enough failed')).toBe('Bearer [secret] failed');
  });

  it("the vault's scrubber knows every secret stored or read, and the data key", async () => {
    const { db, dir, keychain, vault, accountId } = await readyVault();
    vault.storeSecret('access', accountId, 'tok-stored-here');
    const reopened = await Vault.open({ db, dataDir: dir, keychain, clock });
    reopened.readSecret('access');
    const key = [...keychain.entries.values()][0]!;
    expect(vault.scrubber.scrub('sent tok-stored-here')).toBe('sent [secret]');
    expect(reopened.scrubber.scrub('got tok-stored-here')).toBe('got [secret]');
    expect(reopened.scrubber.scrub(`key ${key}`)).toBe('key [secret]');
  });
});
