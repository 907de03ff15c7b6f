/** What the store tests do to a database file from outside Tribune: read its bytes, damage it. */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** The file's SHA-256: "left untouched" is checked byte for byte. */
export const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Grows a closed database past a few pages, folds its journal into the file, then scribbles
 * over a page in the middle, as a failing disk would.
 */
export function damageDatabase(file: string): void {
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO settings VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'x'.repeat(100));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0xa5, 4096 * 3, 4096 * 4);
  fs.writeFileSync(file, bytes);
}
