/**
 * Where the vault's key comes from at start: a new key in the keychain on first start, the
 * keychain's or the key file's key afterwards, and a new key (the old ciphertexts dropped, their
 * accounts to reconnect) when the stored one is gone or different. A passphrase vault waits
 * for its passphrase. vault.ts applies the outcome; nothing here keeps state.
 */
import { randomUUID } from 'node:crypto';
import type { VaultMode, VaultStatus } from '../../../shared/domain';
import type { Db } from '../store/database';
import { decodeKey, keyCheckValue, keyMatchesCheck, newDataKey } from './crypto';
import { KEYCHAIN_SERVICE, NO_KEYCHAIN_PROBLEM, type KeychainPort } from './keychain';
import { readKeyFile, writeKeyFile } from './key-file';
import { vaultMessages as msg } from './messages';
import { writeMeta, type VaultMeta } from './meta';
import type { SecretScrubber } from './scrub';

export interface OpeningContext {
  db: Db;
  dataDir: string;
  keychain: KeychainPort | null;
  /** Why the keychain is null (from loadSystemKeychain), shown to the person. */
  keychainProblem?: string | null;
  /** Every key seen is remembered, every error detail scrubbed. */
  scrubber: SecretScrubber;
}

/** A key (the vault is ready), or the state to show without one; `keychainRefused`: the keychain is no keychain for us. */
export type Opening =
  | { key: Buffer; mode: VaultMode; problem: string | null; keychainRefused?: boolean }
  | { key: null; state: Exclude<VaultStatus['state'], 'ready'>; mode: VaultMode | null; problem: string | null; keychainRefused?: boolean };

/** The keychain entry is named after this data folder's vault, so several folders (and tests) never share a key. */
const keychainAccount = (vaultId: string) => `data-key:${vaultId}`;
const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const without = (state: Exclude<VaultStatus['state'], 'ready'>, mode: VaultMode | null, problem: string | null, keychainRefused?: boolean): Opening => ({
  key: null,
  state,
  mode,
  problem,
  ...(keychainRefused ? { keychainRefused } : {}),
});

/** Finds (or makes) the key this data folder's vault_meta describes. */
export async function openKey(ctx: OpeningContext, meta: VaultMeta): Promise<Opening> {
  switch (meta.mode) {
    case null:
      return startFresh(ctx);
    case 'keychain':
      return startFromKeychain(ctx, meta);
    case 'plaintext':
      return startFromKeyFile(ctx, meta);
    case 'passphrase':
      return without('locked', 'passphrase', null);
    case 'unknown':
      return without('key_mismatch', null, msg.unknownMode);
  }
}

async function startFresh(ctx: OpeningContext): Promise<Opening> {
  const keychain = ctx.keychain;
  if (!keychain) return without('needs_setup', null, ctx.keychainProblem ?? NO_KEYCHAIN_PROBLEM);
  const key = newDataKey();
  const vaultId = randomUUID();
  try {
    await putInKeychain(ctx, keychain, vaultId, key);
  } catch (error) {
    // A keychain that reads but refuses writes (locked collection) is no keychain for us.
    return without('needs_setup', null, msg.keychainRefused(scrubbed(ctx, error)), true);
  }
  writeMeta(ctx.db, { mode: 'keychain', vault_id: vaultId, key_check: keyCheckValue(key) });
  return { key, mode: 'keychain', problem: null };
}

async function startFromKeychain(ctx: OpeningContext, meta: VaultMeta): Promise<Opening> {
  const keychain = ctx.keychain;
  // Never fall back silently: the secrets stay, waiting for the keychain to come back.
  if (!keychain) return without('locked', 'keychain', msg.keychainUnreachable(ctx.keychainProblem ?? null));
  const vaultId = meta.vaultId ?? randomUUID();
  let stored: string | null;
  try {
    stored = meta.vaultId ? await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId)) : null;
  } catch (error) {
    return without('locked', 'keychain', msg.keychainUnreachable(scrubbed(ctx, error)), true);
  }
  const key = decodeKey(stored);
  if (stored !== null) ctx.scrubber.remember(stored.trim());
  if (key && keyMatchesCheck(key, meta.keyCheck)) return { key, mode: 'keychain', problem: null };
  return replaceLostKey(ctx, 'keychain', stored === null ? 'missing' : 'changed', vaultId, (fresh) => putInKeychain(ctx, keychain, vaultId, fresh));
}

async function startFromKeyFile(ctx: OpeningContext, meta: VaultMeta): Promise<Opening> {
  let stored: string | null;
  try {
    stored = readKeyFile(ctx.dataDir);
  } catch (error) {
    return without('locked', 'plaintext', msg.keyFileUnreadable(scrubbed(ctx, error)));
  }
  const key = decodeKey(stored);
  if (stored !== null) ctx.scrubber.remember(stored.trim());
  if (key && keyMatchesCheck(key, meta.keyCheck)) return { key, mode: 'plaintext', problem: null };
  return replaceLostKey(ctx, 'file', stored === null ? 'missing' : 'changed', meta.vaultId ?? randomUUID(), async (fresh) =>
    writeKeyFile(ctx.dataDir, fresh.toString('base64')),
  );
}

/**
 * The key is gone or different: the ciphertexts are unreadable for good. Store a new key
 * first (if that fails, nothing is deleted), then drop the ciphertexts and mark their
 * accounts 'reconnect_needed', leaving every other table alone.
 */
async function replaceLostKey(
  ctx: OpeningContext,
  where: 'keychain' | 'file',
  reason: 'missing' | 'changed',
  vaultId: string,
  persist: (key: Buffer) => Promise<void>,
): Promise<Opening> {
  const mode: VaultMode = where === 'keychain' ? 'keychain' : 'plaintext';
  const key = newDataKey();
  ctx.scrubber.remember(key.toString('base64'));
  try {
    await persist(key);
  } catch (error) {
    return without('key_mismatch', mode, msg.newKeyNotStored(scrubbed(ctx, error)));
  }
  const db = ctx.db;
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
  return { key, mode, problem: msg.keyLost(where, reason, affected) };
}

/** Writes the key and reads it back: a keychain that silently drops writes must not cost the person their tokens. */
async function putInKeychain(ctx: OpeningContext, keychain: KeychainPort, vaultId: string, key: Buffer): Promise<void> {
  const encoded = key.toString('base64');
  ctx.scrubber.remember(encoded);
  await keychain.setPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId), encoded);
  const readBack = await keychain.getPassword(KEYCHAIN_SERVICE, keychainAccount(vaultId));
  if (readBack !== encoded) throw new Error('the key read back from the keychain differs from the one written');
}

function scrubbed(ctx: OpeningContext, error: unknown): string {
  return ctx.scrubber.scrub(detailOf(error));
}
