import { randomBytes, randomUUID } from 'node:crypto';
import type { VaultMode, VaultStatus } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import {
  DEFAULT_SCRYPT,
  SALT_BYTES,
  decodeKey,
  deriveKey,
  keyCheckValue,
  keyMatchesCheck,
  newDataKey,
  openSecret,
  sealSecret,
} from './crypto';
import { KEYCHAIN_SERVICE, NO_KEYCHAIN_PROBLEM, type KeychainPort } from './keychain';
import { readKeyFile, writeKeyFile } from './key-file';
import { vaultMessages as msg } from './messages';
import { readMeta, writeMeta, type VaultMeta } from './meta';
import { SecretScrubber } from './scrub';

export interface VaultOptions {
  db: Db;
  dataDir: string;
  keychain: KeychainPort | null;
  /** Why the keychain is null (from loadSystemKeychain), shown to the person. */
  keychainProblem?: string | null;
  clock: Clock;
}

type State = VaultStatus['state'];
const MIN_PASSPHRASE_LENGTH = 8;

/** The keychain entry is named after this data folder's vault, so several folders (and tests) never share a key. */
const keychainAccount = (vaultId: string) => `data-key:${vaultId}`;
const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Keeps account secrets encrypted (AES-256-GCM) in the `secrets` table under a random data
 * key held by the OS keychain, a passphrase, or (explicitly chosen) a key file. Secrets
 * never leave it except through readSecret, and every secret it sees is remembered by the
 * scrubber so it can be masked in error messages and logs.
 */
export class Vault {
  readonly scrubber = new SecretScrubber();
  private key: Buffer | null = null;
  private state: State = 'needs_setup';
  private mode: VaultMode | null = null;
  private problem: string | null = null;
  private keychainAvailable: boolean;
  private readonly listeners = new Set<(status: VaultStatus) => void>();

  private constructor(private readonly options: VaultOptions) {
    this.keychainAvailable = options.keychain !== null;
  }

  /** Opens the vault for this database, creating a keychain key on first start when a keychain is there. */
  static async open(options: VaultOptions): Promise<Vault> {
    const vault = new Vault(options);
    await vault.start(readMeta(options.db));
    return vault;
  }

  /** What the renderer may know: state, mode and a sentence when something is wrong. */
  status(): VaultStatus {
    return { state: this.state, mode: this.mode, keychainAvailable: this.keychainAvailable, problem: this.problem };
  }

  /** Chooses a passphrase when no keychain is available; the key is derived from it with scrypt. */
  async setupPassphrase(passphrase: string): Promise<VaultStatus> {
    this.requireSetupPending();
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new AppFailure('vault_passphrase_too_short', msg.passphraseTooShort, { min: MIN_PASSPHRASE_LENGTH });
    this.scrubber.remember(passphrase);
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(passphrase, salt, DEFAULT_SCRYPT);
    // Another call may have finished setting up while scrypt ran.
    this.requireSetupPending();
    writeMeta(this.options.db, {
      mode: 'passphrase',
      vault_id: randomUUID(),
      key_check: keyCheckValue(key),
      kdf_salt: salt,
      kdf_params: JSON.stringify(DEFAULT_SCRYPT),
    });
    return this.becomeReady(key, 'passphrase', null);
  }

  /** Opens a passphrase-protected vault; a wrong passphrase throws vault_wrong_passphrase. */
  async unlock(passphrase: string): Promise<VaultStatus> {
    if (this.mode !== 'passphrase') {
      if (this.state === 'needs_setup') throw new AppFailure('vault_unavailable', msg.needsSetup);
      throw new AppFailure(this.state === 'ready' ? 'vault_no_passphrase' : 'vault_unavailable', this.state === 'ready' ? msg.noPassphrase : msg.keychainLocked);
    }
    this.scrubber.remember(passphrase);
    const meta = readMeta(this.options.db);
    if (!meta.kdfSalt || !meta.kdfParams) throw new AppFailure('vault_key_mismatch', msg.keyMismatch);
    const key = await deriveKey(passphrase, meta.kdfSalt, meta.kdfParams);
    if (!keyMatchesCheck(key, meta.keyCheck)) throw new AppFailure('vault_wrong_passphrase', msg.wrongPassphrase);
    if (this.state === 'ready') return this.status();
    return this.becomeReady(key, 'passphrase', null);
  }

  /** Keeps the key in clear in <dataDir>/vault.key (mode 0600); only on the person's explicit choice after a warning. */
  async useUnprotectedKey(): Promise<VaultStatus> {
    this.requireSetupPending();
    const key = newDataKey();
    const encoded = key.toString('base64');
    this.scrubber.remember(encoded);
    writeKeyFile(this.options.dataDir, encoded);
    writeMeta(this.options.db, { mode: 'plaintext', vault_id: randomUUID(), key_check: keyCheckValue(key) });
    return this.becomeReady(key, 'plaintext', null);
  }

  /** Encrypts and stores (or replaces) a secret; throws vault_locked / vault_unavailable when there is no key. */
  storeSecret(id: string, accountId: string | null, plaintext: string): void {
    const key = this.requireKey();
    this.scrubber.remember(plaintext);
    const sealed = sealSecret(key, id, plaintext);
    this.options.db
      .prepare(
        `INSERT INTO secrets (id, account_id, nonce, ciphertext, tag, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, nonce = excluded.nonce,
           ciphertext = excluded.ciphertext, tag = excluded.tag`,
      )
      .run(id, accountId, sealed.nonce, sealed.ciphertext, sealed.tag, this.options.clock.now());
  }

  /** The decrypted secret, or null when there is none; altered or foreign ciphertext throws vault_key_mismatch. */
  readSecret(id: string): string | null {
    const key = this.requireKey();
    const row = this.options.db.prepare('SELECT nonce, ciphertext, tag FROM secrets WHERE id = ?').get(id) as
      | { nonce: Buffer; ciphertext: Buffer; tag: Buffer }
      | undefined;
    if (!row) return null;
    const plaintext = openSecret(key, id, row);
    if (plaintext === null) throw new AppFailure('vault_key_mismatch', msg.undecryptable(id));
    this.scrubber.remember(plaintext);
    return plaintext;
  }

  /** Forgets a secret; works in every state since no key is needed to delete ciphertext. */
  deleteSecret(id: string): void {
    this.options.db.prepare('DELETE FROM secrets WHERE id = ?').run(id);
  }

  /** Forgets every secret of an account (disconnecting it). */
  deleteAccountSecrets(accountId: string): void {
    this.options.db.prepare('DELETE FROM secrets WHERE account_id = ?').run(accountId);
  }

  /** Calls the listener after every status change; returns the unsubscribe function. */
  onChange(listener: (status: VaultStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async start(meta: VaultMeta): Promise<VaultStatus> {
    switch (meta.mode) {
      case null:
        return this.startFresh();
      case 'keychain':
        return this.startFromKeychain(meta);
      case 'plaintext':
        return this.startFromKeyFile(meta);
      case 'passphrase':
        return this.setState('locked', 'passphrase', null);
      case 'unknown':
        return this.setState('key_mismatch', null, msg.unknownMode);
    }
  }

  private async startFresh(): Promise<VaultStatus> {
    const keychain = this.options.keychain;
    if (!keychain) {
      return this.setState('needs_setup', null, this.options.keychainProblem ?? NO_KEYCHAIN_PROBLEM);
    }
    const key = newDataKey();
    const vaultId = randomUUID();
    try {
      await this.putInKeychain(keychain, vaultId, key);
    } catch (error) {
      // A keychain that reads but refuses writes (locked collection) is no keychain for us.
      this.keychainAvailable = false;
      return this.setState('needs_setup', null, msg.keychainRefused(this.scrubbedDetail(error)));
    }
    writeMeta(this.options.db, { mode: 'keychain', vault_id: vaultId, key_check: keyCheckValue(key) });
    return this.becomeReady(key, 'keychain', null);
  }

  private async startFromKeychain(meta: VaultMeta): Promise<VaultStatus> {
    const keychain = this.options.keychain;
    if (!keychain) {
      // Never fall back silently: the secrets stay, waiting for the keychain to come back.
      return this.setState('locked', 'keychain', msg.keychainUnreachable(this.options.keychainProblem ?? null));
    }
    const vaultId = meta.vaultId ?? randomUUID();
    let stored: string | null;
    try {
      stored = meta.vaultId ? await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId)) : null;
    } catch (error) {
      this.keychainAvailable = false;
      return this.setState('locked', 'keychain', msg.keychainUnreachable(this.scrubbedDetail(error)));
    }
    const key = decodeKey(stored);
    if (stored !== null) this.scrubber.remember(stored.trim());
    if (key && keyMatchesCheck(key, meta.keyCheck)) return this.becomeReady(key, 'keychain', null);
    return this.replaceLostKey('keychain', stored === null ? 'missing' : 'changed', vaultId, (fresh) =>
      this.putInKeychain(keychain, vaultId, fresh),
    );
  }

  private async startFromKeyFile(meta: VaultMeta): Promise<VaultStatus> {
    let stored: string | null;
    try {
      stored = readKeyFile(this.options.dataDir);
    } catch (error) {
      return this.setState('locked', 'plaintext', msg.keyFileUnreadable(this.scrubbedDetail(error)));
    }
    const key = decodeKey(stored);
    if (stored !== null) this.scrubber.remember(stored.trim());
    if (key && keyMatchesCheck(key, meta.keyCheck)) return this.becomeReady(key, 'plaintext', null);
    return this.replaceLostKey('file', stored === null ? 'missing' : 'changed', meta.vaultId ?? randomUUID(), async (fresh) =>
      writeKeyFile(this.options.dataDir, fresh.toString('base64')),
    );
  }

  /**
   * The key is gone or different: the ciphertexts are unreadable for good. Store a new key
   * first (if that fails, nothing is deleted), then drop the ciphertexts and mark their
   * accounts 'reconnect_needed', leaving every other table alone.
   */
  private async replaceLostKey(
    where: 'keychain' | 'file',
    reason: 'missing' | 'changed',
    vaultId: string,
    persist: (key: Buffer) => Promise<void>,
  ): Promise<VaultStatus> {
    const mode: VaultMode = where === 'keychain' ? 'keychain' : 'plaintext';
    const key = newDataKey();
    this.scrubber.remember(key.toString('base64'));
    try {
      await persist(key);
    } catch (error) {
      return this.setState('key_mismatch', mode, msg.newKeyNotStored(this.scrubbedDetail(error)));
    }
    const db = this.options.db;
    const affected = db.transaction(() => {
      const marked = db
        .prepare(
          `UPDATE accounts SET health = 'reconnect_needed'
           WHERE id IN (SELECT account_id FROM secrets WHERE account_id IS NOT NULL)`,
        )
        .run().changes;
      db.prepare('DELETE FROM secrets').run();
      writeMeta(db, { mode, vault_id: vaultId, key_check: keyCheckValue(key) });
      return marked;
    }).immediate();
    return this.becomeReady(key, mode, msg.keyLost(where, reason, affected));
  }

  /** Writes the key and reads it back: a keychain that silently drops writes must not cost the person their tokens. */
  private async putInKeychain(keychain: KeychainPort, vaultId: string, key: Buffer): Promise<void> {
    const encoded = key.toString('base64');
    this.scrubber.remember(encoded);
    await keychain.setPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId), encoded);
    const readBack = await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId));
    if (readBack !== encoded) throw new Error('the key read back from the keychain differs from the one written');
  }

  private requireSetupPending(): void {
    if (this.state !== 'needs_setup') throw new AppFailure('vault_already_set_up', msg.alreadySetUp);
  }

  private requireKey(): Buffer {
    if (this.state === 'ready' && this.key) return this.key;
    switch (this.state) {
      case 'needs_setup':
        throw new AppFailure('vault_unavailable', msg.needsSetup);
      case 'key_mismatch':
        throw new AppFailure('vault_key_mismatch', msg.keyMismatch);
      default:
        throw new AppFailure('vault_locked', this.mode === 'passphrase' ? msg.locked : msg.keychainLocked);
    }
  }

  private scrubbedDetail(error: unknown): string {
    return this.scrubber.scrub(detailOf(error));
  }

  private becomeReady(key: Buffer, mode: VaultMode, problem: string | null): VaultStatus {
    this.key = key;
    return this.setState('ready', mode, problem);
  }

  private setState(state: State, mode: VaultMode | null, problem: string | null): VaultStatus {
    this.state = state;
    this.mode = mode;
    this.problem = problem;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
    return status;
  }
}
