/**
 * The token vault against the real Secret Service (gnome-keyring through keytar).
 * Run it through scripts/with-keyring.sh, which provides a throwaway unlocked keyring.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../src/main/core/store/database';
import { systemClock } from '../../src/main/core/clock';
import { KEYCHAIN_SERVICE, loadSystemKeychain } from '../../src/main/core/vault/keychain';
import { Vault } from '../../src/main/core/vault/vault';
import { decodeKey, keyMatchesCheck } from '../../src/main/core/vault/crypto';
import type { VaultStatus } from '../../src/shared/domain';

const ROOT = path.resolve(__dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-vault-keychain-'));
const createdEntries: string[] = [];

type Keytar = typeof import('keytar');
async function realKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
  return typeof loaded.getPassword === 'function' ? loaded : loaded.default!;
}

/** Called first by every test, so a run without a bus fails loudly (each test red) instead of being skipped. */
function requireSessionBus(): void {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), so there is no Secret Service to test against. ' +
        'Run this test through the throwaway keyring: sh scripts/with-keyring.sh npx vitest run --project integration tests/integration/vault-keychain.test.ts',
    );
  }
}

afterAll(async () => {
  if (process.env.DBUS_SESSION_BUS_ADDRESS) {
    const keytar = await realKeytar();
    for (const account of createdEntries) await keytar.deletePassword(KEYCHAIN_SERVICE, account);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function dataFolder() {
  const dir = fs.mkdtempSync(path.join(work, 'data-'));
  const { db } = await openStore({ file: path.join(dir, 'tribune.sqlite3'), backupDir: path.join(dir, 'backups'), clock: systemClock });
  const workspaceId = randomUUID();
  const accountId = randomUUID();
  db.prepare("INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, 'Club', '#2563eb', 'UTC', 0)").run(workspaceId);
  db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, created_at) VALUES (?, ?, 'bluesky', 'club.test', 'Club', 0)").run(
    accountId,
    workspaceId,
  );
  return { dir, db, accountId };
}

const meta = (db: Db, key: string) => (db.prepare('SELECT value FROM vault_meta WHERE key = ?').get(key) as { value: Buffer } | undefined)?.value;

interface ChildReport {
  problem: string | null;
  status: VaultStatus;
  secret: string | null;
}

/** Opens the vault in a separate Node process (its own keytar load), optionally reading one secret. */
function openInChildProcess(dir: string, secretId: string | null, env: NodeJS.ProcessEnv): ChildReport {
  const script = path.join(work, `child-${randomUUID()}.mts`);
  const src = (p: string) => JSON.stringify(path.join(ROOT, 'src/main/core', p));
  fs.writeFileSync(
    script,
    `import { loadSystemKeychain } from ${src('vault/keychain.ts')};
import { Vault } from ${src('vault/vault.ts')};
import { openStore } from ${src('store/database.ts')};
import { systemClock } from ${src('clock.ts')};
const [dir, secretId] = process.argv.slice(2);
const loaded = await loadSystemKeychain();
const { db } = await openStore({ file: dir + '/tribune.sqlite3', backupDir: dir + '/backups', clock: systemClock });
const vault = await Vault.open({ db, dataDir: dir, keychain: loaded.keychain, keychainProblem: loaded.problem, clock: systemClock });
const secret = secretId && vault.status().state === 'ready' ? vault.readSecret(secretId) : null;
db.close();
process.stdout.write(JSON.stringify({ problem: loaded.problem, status: vault.status(), secret }));
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, dir, ...(secretId ? [secretId] : [])], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`child process failed (${run.status ?? run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ChildReport;
}

describe('token vault with the real Secret Service (gnome-keyring via keytar)', () => {
  it('keeps a random data key in the keychain; a fresh process loads keytar and reads the secret back', async () => {
    requireSessionBus();
    const loaded = await loadSystemKeychain();
    expect(loaded.problem).toBeNull();
    const { dir, db, accountId } = await dataFolder();
    const vault = await Vault.open({ db, dataDir: dir, keychain: loaded.keychain, clock: systemClock });
    expect(vault.status()).toEqual({ state: 'ready', mode: 'keychain', keychainAvailable: true, problem: null });
    vault.storeSecret('access', accountId, 'tok-real-keychain-1');

    const entry = `data-key:${meta(db, 'vault_id')!.toString('utf8')}`;
    createdEntries.push(entry);
    const stored = await (await realKeytar()).getPassword(KEYCHAIN_SERVICE, entry);
    const key = decodeKey(stored);
    expect(key?.length).toBe(32);
    expect(keyMatchesCheck(key!, meta(db, 'key_check')!)).toBe(true);
    db.close();

    const child = openInChildProcess(dir, 'access', process.env);
    expect(child.problem).toBeNull();
    expect(child.status).toEqual({ state: 'ready', mode: 'keychain', keychainAvailable: true, problem: null });
    expect(child.secret).toBe('tok-real-keychain-1');
  });

  it('when the keychain entry is deleted, the next start marks the account reconnect_needed and stores a new key', async () => {
    requireSessionBus();
    const loaded = await loadSystemKeychain();
    const { dir, db, accountId } = await dataFolder();
    (await Vault.open({ db, dataDir: dir, keychain: loaded.keychain, clock: systemClock })).storeSecret('access', accountId, 'tok-real-2');
    const entry = `data-key:${meta(db, 'vault_id')!.toString('utf8')}`;
    createdEntries.push(entry);
    const keytar = await realKeytar();
    expect(await keytar.deletePassword(KEYCHAIN_SERVICE, entry)).toBe(true);

    const restarted = await Vault.open({ db, dataDir: dir, keychain: loaded.keychain, clock: systemClock });
    expect(restarted.status()).toMatchObject({ state: 'ready', mode: 'keychain' });
    expect(restarted.status().problem).toMatch(/missing from the system keychain.*1 account needs to be reconnected/);
    expect(db.prepare('SELECT health FROM accounts WHERE id = ?').get(accountId)).toEqual({ health: 'reconnect_needed' });
    const renewed = decodeKey(await keytar.getPassword(KEYCHAIN_SERVICE, entry));
    expect(keyMatchesCheck(renewed!, meta(db, 'key_check')!)).toBe(true);
    db.close();
  });

  it('without a session bus, loadSystemKeychain reports the problem and the vault asks for a passphrase', async () => {
    requireSessionBus();
    const { dir, db } = await dataFolder();
    db.close();
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: fs.mkdtempSync(path.join(work, 'no-bus-')) };
    // GDBus would otherwise find the bus through either of these.
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const child = openInChildProcess(dir, null, env);
    expect(child.problem).toBe(
      'No system keychain was found (Secret Service is not running). Choose a passphrase to protect your account tokens.',
    );
    expect(child.status).toEqual({ state: 'needs_setup', mode: null, keychainAvailable: false, problem: child.problem });
  });
});
