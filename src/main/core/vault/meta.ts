import type { Db } from '../store/database';
import { VaultMode } from '../../../shared/domain';
import type { ScryptParams } from './crypto';

/** What vault_meta holds: how the key is protected and how to recognise it; never the key. */
export interface VaultMeta {
  /** null: never set up. 'unknown' when a newer Tribune wrote a mode this one does not know. */
  mode: VaultMode | 'unknown' | null;
  vaultId: string | null;
  keyCheck: Buffer | null;
  kdfSalt: Buffer | null;
  kdfParams: ScryptParams | null;
}

type MetaKey = 'mode' | 'vault_id' | 'key_check' | 'kdf_salt' | 'kdf_params';

function parseParams(raw: string | undefined): ScryptParams | null {
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<ScryptParams>;
    const ok = [p.N, p.r, p.p].every((v) => Number.isSafeInteger(v) && (v as number) > 0);
    return ok ? { N: p.N!, r: p.r!, p: p.p! } : null;
  } catch {
    return null;
  }
}

/** Reads the vault's bookkeeping. */
export function readMeta(db: Db): VaultMeta {
  const rows = db.prepare('SELECT key, value FROM vault_meta').all() as { key: string; value: Buffer }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const text = (k: MetaKey) => map.get(k)?.toString('utf8');
  const mode = text('mode');
  return {
    mode: mode === undefined ? null : VaultMode.safeParse(mode).success ? (mode as VaultMode) : 'unknown',
    vaultId: text('vault_id') ?? null,
    keyCheck: map.get('key_check') ?? null,
    kdfSalt: map.get('kdf_salt') ?? null,
    kdfParams: parseParams(text('kdf_params')),
  };
}

/** Writes entries (strings as UTF-8) in the caller's transaction, or its own. */
export function writeMeta(db: Db, entries: Partial<Record<MetaKey, Buffer | string>>): void {
  const put = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(entries)) {
      if (value !== undefined) put.run(key, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    }
  })();
}
