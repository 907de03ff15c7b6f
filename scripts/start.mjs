// `npm start`: builds Tribune, then runs it in Electron.
// The binary is looked up the way the electron package does it, but without its
// side effect: requiring 'electron' when the binary is missing starts a download,
// which hangs or fails on machines without access to GitHub.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed on this machine (it could not be downloaded). Run `npm run web` to use Tribune in your browser.';

/** The Electron executable, or null when this machine has none. */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : null;
  return binary !== null && fs.existsSync(binary) ? binary : null;
}

function main() {
  // Checked before building, so the answer comes at once.
  const electron = findElectronBinary();
  if (electron === null) {
    process.stderr.write(`${MISSING_ELECTRON_MESSAGE}\n`);
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const env = { ...process.env };
  // Inherited from a parent tool, this would make Electron run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`Electron could not be started: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const invokedDirectly = () => {
  try {
    return fs.realpathSync(process.argv[1] ?? '') === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};
if (invokedDirectly()) main();
