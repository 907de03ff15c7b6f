import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';

const PATTERN = /^tribune-(\d{8}T\d{6}\d{3}Z)-([a-z0-9-]+)\.sqlite3$/;

export interface BackupFile {
  file: string;
  takenAt: number;
  reason: string;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:.]/g, '');
const parseStamp = (s: string) =>
  Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`);

/** Backups in the folder, newest first. */
export function listBackups(backupDir: string): BackupFile[] {
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .map((name) => {
      const m = PATTERN.exec(name);
      return m ? { file: path.join(backupDir, name), takenAt: parseStamp(m[1]!), reason: m[2]! } : null;
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.takenAt - a.takenAt);
}

/** A consistent copy through SQLite's online backup API, then rotation down to `keep` files. */
export async function takeBackup(db: Database, options: { backupDir: string; reason: string; clock: Clock; keep: number }): Promise<string> {
  fs.mkdirSync(options.backupDir, { recursive: true });
  let at = options.clock.now();
  let file = path.join(options.backupDir, `tribune-${stamp(at)}-${options.reason}.sqlite3`);
  while (fs.existsSync(file)) file = path.join(options.backupDir, `tribune-${stamp(++at)}-${options.reason}.sqlite3`);
  const partial = `${file}.partial`;
  await db.backup(partial);
  fs.renameSync(partial, file);
  for (const old of listBackups(options.backupDir).slice(Math.max(1, options.keep))) fs.rmSync(old.file, { force: true });
  return file;
}
