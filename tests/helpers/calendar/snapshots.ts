import Database from 'better-sqlite3';
import path from 'node:path';
import { ExchangeRepository } from '../../../src/main/core/repositories/exchange';
import type { PostSnapshot } from '../../../src/shared/calendar/snapshot';

/** Every live post of a workspace as the exchange sees it, read straight from the data folder's database. */
export function openSnapshots(dataDir: string, workspaceId: string): Map<string, PostSnapshot> {
  const db = new Database(path.join(dataDir, 'tribune.sqlite3'), { readonly: true });
  try {
    const out = new Map<string, PostSnapshot>();
    for (const [uid, local] of new ExchangeRepository(db).allByUid(workspaceId)) if (!local.deleted) out.set(uid, local.snapshot);
    return out;
  } finally {
    db.close();
  }
}
