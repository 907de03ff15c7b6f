import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DRAFT_SAVE_SQL, DraftRepository } from '../src/main/core/repositories/drafts';
import { openStore } from '../src/main/core/store/database';
import { percentile, round } from './stats';

const ROWS = 100_000;
const RUNS = 3;
const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const TEXT = 'Exposition « Lumières du port » : vernissage jeudi 18 h, entrée libre 🎨 #culture';

async function freshDatabase(dir: string, name: string) {
  const { db } = await openStore({ file: path.join(dir, `${name}.sqlite3`), backupDir: path.join(dir, `${name}-backups`), clock: { now: () => 0 } });
  db.prepare("INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, 'Bench', '#2563eb', 'Europe/Paris', 0)").run(WORKSPACE);
  return db;
}


/**
 * 100k draft inserts in one transaction, through DraftRepository.save (the autosave path:
 * upsert, RETURNING, mapping to the domain type), against raw better-sqlite3 on the same schema
 * and pragmas running (a) the very same statement — the repository's own cost — and (b) a plain
 * INSERT — what the upsert itself costs. Runs alternate; medians are compared.
 */
export async function benchInserts() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  try {
    const ids = Array.from({ length: ROWS }, () => randomUUID());
    const repoTimes: number[] = [];
    const rawTimes: number[] = [];
    const sameSqlTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const repoDb = await freshDatabase(dir, `repo${run}`);
      const drafts = new DraftRepository(repoDb);
      let start = performance.now();
      repoDb.transaction(() => {
        for (let i = 0; i < ROWS; i++) drafts.save({ id: ids[i]!, workspaceId: WORKSPACE, text: TEXT, now: i });
      })();
      repoTimes.push(performance.now() - start);
      repoDb.close();

      const rawDb: Database.Database = await freshDatabase(dir, `raw${run}`);
      const insert = rawDb.prepare('INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, 1)');
      start = performance.now();
      rawDb.transaction(() => {
        for (let i = 0; i < ROWS; i++) insert.run(ids[i], WORKSPACE, TEXT, i, i);
      })();
      rawTimes.push(performance.now() - start);
      rawDb.close();

      const sameDb: Database.Database = await freshDatabase(dir, `same${run}`);
      const upsert = sameDb.prepare(DRAFT_SAVE_SQL).raw(true);
      start = performance.now();
      sameDb.transaction(() => {
        for (let i = 0; i < ROWS; i++) upsert.get(ids[i], WORKSPACE, TEXT, i, i);
      })();
      sameSqlTimes.push(performance.now() - start);
      sameDb.close();
    }
    const sameMs = percentile(sameSqlTimes, 50);
    const repoMs = percentile(repoTimes, 50);
    const rawMs = percentile(rawTimes, 50);
    return {
      rows: ROWS,
      runs: RUNS,
      repositoryRowsPerSecond: Math.round(ROWS / (repoMs / 1000)),
      rawSameStatementRowsPerSecond: Math.round(ROWS / (sameMs / 1000)),
      rawPlainInsertRowsPerSecond: Math.round(ROWS / (rawMs / 1000)),
      ratioAgainstRawSameStatement: round(sameMs / repoMs),
      ratioAgainstRawPlainInsert: round(rawMs / repoMs),
      goal: 'ratioAgainstRawSameStatement >= 0.8 (the repository adds little); the plain INSERT shows what the idempotent upsert costs',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
