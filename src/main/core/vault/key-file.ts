import fs from 'node:fs';
import path from 'node:path';

/** The unprotected key lives beside the database, readable by its owner only. */
export const keyFilePath = (dataDir: string): string => path.join(dataDir, 'vault.key');

/** The key file's text (base64), or null when there is none. */
export function readKeyFile(dataDir: string): string | null {
  try {
    return fs.readFileSync(keyFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes the key atomically with mode 0600, so a crash never leaves half a key and no other user can read it. */
export function writeKeyFile(dataDir: string, encodedKey: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const target = keyFilePath(dataDir);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const fd = fs.openSync(partial, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${encodedKey}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The umask may have narrowed the mode further (even to unreadable): make it exactly 0600.
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, target);
}
