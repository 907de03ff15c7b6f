/**
 * What SQLite alone takes to store what an import stored: every row the apply wrote (posts,
 * their labels and comments, the exchange bases a later three-way merge needs, the history rows
 * an undo needs), copied into a fresh database of the same schema with plain prepared inserts in
 * one transaction, values already made. No import can write the same rows faster with this
 * store: the figure is the floor of the apply phase, printed beside it.
 */
import type { Db } from '../src/main/core/store/database';

/** In the order foreign keys need them. */
const TABLES = ['import_batches', 'campaigns', 'labels', 'post_history', 'drafts', 'post_labels', 'post_comments', 'exchange_base'] as const;

export interface Written {
  rows: Map<string, unknown[][]>;
  columns: Map<string, string[]>;
  workspaceId: string;
  megabytes: number;
}

/** The rows an import wrote, read back from its database. */
export function written(db: Db, workspaceId: string): Written {
  const rows = new Map<string, unknown[][]>();
  const columns = new Map<string, string[]>();
  let bytes = 0;
  for (const table of TABLES) {
    const statement = db.prepare(`SELECT * FROM ${table}`);
    columns.set(table, statement.columns().map((c) => c.name));
    const all = statement.raw().all() as unknown[][];
    for (const row of all) for (const v of row) bytes += typeof v === 'string' ? Buffer.byteLength(v) : 8;
    rows.set(table, all);
  }
  return { rows, columns, workspaceId, megabytes: bytes / 1024 / 1024 };
}

/** Inserts those rows into `db` (same schema, the workspace only) in one transaction. */
export function storeAgain(db: Db, w: Written): void {
  db.transaction(() => {
    for (const table of TABLES) {
      const names = w.columns.get(table)!;
      const insert = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      for (const row of w.rows.get(table)!) insert.run(row);
    }
  })();
}
