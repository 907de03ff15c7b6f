// `npm run demo`: Tribune's sandbox. Starts a private Bluesky network on 127.0.0.1 (PLC, PDS,
// AppView from the reference implementation, with an embedded PostgreSQL), seeds a brand and
// its community, and opens Tribune on it with the brand already connected. Ctrl-C stops
// everything. The work is done by sandbox/main.ts (the supervisor); see it for the options
// (--keep, --community N, --interval MIN-MAX, --dir DIR, --port N, --web, --no-build, --quiet).
//
// The desktop app is used when its Electron binary is installed, otherwise the web host
// (the address is printed). `--web` always uses the web host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electron = args.includes('--web') || args.includes('--electron') ? null : findElectronBinary();
if (!args.includes('--web') && !args.includes('--electron')) {
  if (electron) args.push('--electron', electron);
  else process.stdout.write('[sandbox] The Electron binary is not installed here: Tribune opens in your browser (web host).\n');
}

// The supervisor gets its own process group: a Ctrl-C in the terminal reaches this script
// (and npm), which passes it on exactly once, and the supervisor stops everything in order.
const supervisor = spawn(process.execPath, ['--disable-warning=DeprecationWarning', '--import', 'tsx', path.join(root, 'sandbox', 'main.ts'), ...args], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
let forwarded = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (forwarded) return;
    forwarded = true;
    supervisor.kill(signal);
  });
}
supervisor.on('error', (error) => {
  process.stderr.write(`The sandbox could not be started: ${error.message}\n`);
  process.exit(1);
});
supervisor.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
