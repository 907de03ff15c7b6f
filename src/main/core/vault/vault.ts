import { randomBytes, randomUUID } from 'node:crypto';
import type { VaultMode, VaultStatus } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import { DEFAULT_SCRYPT, SALT_BYTES, deriveKey, keyCheckValue, keyMatchesCheck, newDataKey, openSecret, sealSecret } from './crypto';
import type { KeychainPort } from './keychain';
import { writeKeyFile } from './key-file';
import { vaultMessages as msg } from './messages';
import { readMeta, writeMeta, type VaultMeta } from './meta';
import { openKey } from './opening';
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


/**
 * Keeps account secrets encrypted (AES-256-GCM) in the `secrets` table under a random data
 * key held by the OS keychain, a passphrase, or (explicitly chosen) a key file (found at start
 * by opening.ts). Secrets
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

  /** Applies what the start found: a key, or the state to show without one. */
  private async start(meta: VaultMeta): Promise<VaultStatus> {
    const opening = await openKey({ ...this.options, scrubber: this.scrubber }, meta);
    if (opening.keychainRefused) this.keychainAvailable = false;
    if (opening.key) return this.becomeReady(opening.key, opening.mode, opening.problem);
    return this.setState(opening.state, opening.mode, opening.problem);
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
