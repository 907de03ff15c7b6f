import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';
// Versioned labels: a later format change can never be confused with this one.
const CHECK_LABEL = 'tribune/vault/key-check/v1';
const AAD_PREFIX = 'tribune/vault/secret/v1/';

export interface SealedSecret {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** A fresh random data key. */
export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** Decodes a key kept as base64 (keychain entry, key file); null when it is not a key. */
export function decodeKey(encoded: string | null): Buffer | null {
  if (encoded === null) return null;
  const trimmed = encoded.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES ? key : null;
}

// The row id is authenticated with the ciphertext so rows cannot be swapped.
const aadFor = (id: string) => Buffer.from(AAD_PREFIX + id, 'utf8');

/** Encrypts one secret with a fresh nonce, bound to its row id. */
export function sealSecret(key: Buffer, id: string, plaintext: string): SealedSecret {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts one secret; null when authentication fails (wrong key, altered bytes, another row's data). */
export function openSecret(key: Buffer, id: string, sealed: SealedSecret): string | null {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(CIPHER, key, sealed.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(id));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** What vault_meta keeps to recognise the right key without holding it. */
export const keyCheckValue = (key: Buffer): Buffer => createHmac('sha256', key).update(CHECK_LABEL).digest();

export function keyMatchesCheck(key: Buffer, check: Buffer | null): boolean {
  if (!check) return false;
  const actual = keyCheckValue(key);
  return actual.length === check.length && timingSafeEqual(actual, check);
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
/** About 100 ms and 32 MiB on a laptop: slow enough to make guessing expensive, quick enough at each start. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
export const SALT_BYTES = 16;

/** Derives the data key from a passphrase. */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // The same passphrase typed through different input methods may arrive composed or decomposed.
  const normalized = passphrase.normalize('NFC');
  // scrypt needs 128*N*r bytes; Node's default cap (32 MiB) is exactly that for N=2^15, r=8, so raise it.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
