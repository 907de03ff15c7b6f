// `npm run web`: builds, then serves Tribune to a browser on 127.0.0.1 (arguments pass through:
// --data-dir DIR, --port N).
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), ...(process.argv.includes('--no-build') ? ['--only', 'none'] : [])], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const host = spawn(process.execPath, [path.join(root, 'dist/web/host.mjs'), ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
