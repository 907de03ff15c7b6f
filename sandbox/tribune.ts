/**
 * Starting and stopping Tribune for the sandbox: the build (when dist/ is missing or older
 * than the sources), the web host (`dist/web/host.mjs`), and the desktop app when Electron is
 * installed. Each runs in its own process group, so a Ctrl-C in the terminal reaches the
 * sandbox, which stops them in order, rather than every process at once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST_BUNDLE = path.join(ROOT, 'dist', 'web', 'host.mjs');
const BUILT = [HOST_BUNDLE, path.join(ROOT, 'dist', 'renderer', 'index.html')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Why a build is needed ("missing", "older than src/"), or null when dist/ is up to date. */
export function buildNeeded(desktop: boolean): string | null {
  const outputs = desktop ? [...BUILT, path.join(ROOT, 'dist', 'desktop', 'main.cjs')] : BUILT;
  if (outputs.some((f) => !fs.existsSync(f))) return 'dist/ is missing';
  const oldest = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  return newestMtime(path.join(ROOT, 'src')) > oldest ? 'dist/ is older than src/' : null;
}

/** Runs scripts/build.mjs (its output goes to ours). */
export function build(): void {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`the build failed (${run.signal ?? `exit ${run.status}`})`);
}

export interface RunningApp {
  kind: 'web' | 'desktop';
  process: ChildProcess;
  /** The web host's address with its token (web only). */
  url: string | undefined;
  port: number | undefined;
  /** Resolves with the exit code when the process has exited (whoever stopped it). */
  exited: Promise<number | null>;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<number | null>;
}

function forwardLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  let buffer = '';
  stream?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      write(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  stream?.on('end', () => {
    if (buffer) write(buffer);
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function running(kind: RunningApp['kind'], child: ChildProcess, url: string | undefined, exited: Promise<number | null>): RunningApp {
  let stopping: Promise<number | null> | undefined;
  return {
    kind,
    process: child,
    url,
    port: url ? Number(new URL(url).port) : undefined,
    exited,
    stop: (graceMs = 10_000) =>
      (stopping ??= (async () => {
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
          // Anything the app left in its group goes too.
          signalGroup(child, 'SIGKILL');
        }
      })()),
  };
}

export interface AppOptions {
  dataDir: string;
  plcUrl: string;
  appviewUrl: string;
  /** The sandbox's PDS: the app prefills it when a sandbox account is added. */
  pdsUrl: string;
  env: NodeJS.ProcessEnv;
  /** Each line the app prints. */
  log: (line: string) => void;
}

/** Starts the web host on the data folder and waits for its address. */
export async function startWebHost(options: AppOptions & { port?: number; timeoutMs?: number }): Promise<RunningApp> {
  const args = [
    HOST_BUNDLE,
    '--data-dir',
    options.dataDir,
    '--port',
    String(options.port ?? 0),
    '--plc-url',
    options.plcUrl,
    '--appview-url',
    options.appviewUrl,
    // Link previews would be fetched from the open web: the sandbox stays on 127.0.0.1.
    '--no-link-cards',
    // The sandbox's avatars are on its 127.0.0.1 network.
    '--allow-private-images',
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...options.env, TRIBUNE_SANDBOX: '1', TRIBUNE_SANDBOX_PDS_URL: options.pdsUrl, TRIBUNE_EXIT_WITH_PARENT: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Tribune's web host did not start within ${(options.timeoutMs ?? 60_000) / 1000} s`)), options.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      const match = /Tribune is ready: open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      } else if (line.trim()) options.log(line);
    };
    forwardLines(child.stdout, onLine);
    forwardLines(child.stderr, onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Tribune's web host exited during start-up (exit ${code})`));
    });
  }).catch(async (error: unknown) => {
    await running('web', child, undefined, exited).stop(2_000);
    throw error;
  });
  return running('web', child, url, exited);
}

/** Starts the desktop app on the data folder (the shell reads TRIBUNE_* variables). */
export function startDesktop(electronBinary: string, options: AppOptions): RunningApp {
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    TRIBUNE_SANDBOX: '1',
    TRIBUNE_SANDBOX_PDS_URL: options.pdsUrl,
    TRIBUNE_DATA_DIR: options.dataDir,
    TRIBUNE_PLC_URL: options.plcUrl,
    TRIBUNE_APPVIEW_URL: options.appviewUrl,
    TRIBUNE_ALLOW_PRIVATE_IMAGES: '1',
  };
  // Inherited from a parent tool, this would make Electron run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronBinary, [ROOT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.once('error', (error) => {
      options.log(`Electron could not be started: ${error.message}`);
      resolve(1);
    });
  });
  forwardLines(child.stdout, (line) => line.trim() && options.log(line));
  forwardLines(child.stderr, (line) => line.trim() && options.log(line));
  return running('desktop', child, undefined, exited);
}
