import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HOST_BUNDLE, ROOT } from './host';

/** Builds dist/ once when a test needs the real bundles and they are missing (npm test builds first). */
export function ensureBuilt(): void {
  if (fs.existsSync(HOST_BUNDLE) && fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
