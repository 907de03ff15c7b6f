/**
 * The sandbox supervisor (`npm run demo`, through scripts/demo.mjs):
 *
 * 1. starts PostgreSQL (the embedded one from npm) and a local Bluesky network built from the
 *    reference implementation (@atproto/dev-env: PLC, PDS, AppView, Ozone), all on 127.0.0.1;
 * 2. seeds the brand (Office de Tourisme de Port-Lumière, @port-lumiere.test) and a
 *    community of 20-50 people with names, avatars and bios who follow the brand and each other;
 * 3. starts Tribune on a fresh data folder (the web host; the desktop app when Electron is
 *    installed), creates the brand's workspace and connects the brand through the normal
 *    connector and vault with an app password created on the sandbox PDS;
 * 4. prints the address, then keeps the community living on a timer (posts, mentions,
 *    replies, likes, reposts, and now and then something rude or spammy), until
 * 5. Ctrl-C (SIGINT/SIGTERM/SIGHUP): the simulation, Tribune, the network and PostgreSQL are
 *    stopped and their temporary folders removed. Tribune's data folder stays until the next
 *    run, which starts fresh unless --keep is given.
 *
 * Options: --dir DIR (the sandbox folder; default <os temp>/tribune-sandbox), --keep,
 * --community N (20-50, default 30), --interval S or MIN-MAX seconds between community
 * actions (default 5-15), --port N (web host), --web (never the desktop app), --electron PATH
 * (scripts/demo.mjs passes it when Electron is installed), --no-build, --seed N, --quiet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedBoard } from './board';
import { seedModeration } from './moderation';
import { BRAND, COMMUNITY_MAX, COMMUNITY_MIN } from './community';
import { startBlueskyNetwork, type BlueskyNetwork } from './network';
import type { SandboxDetails } from './details';
import { descendantProcesses, isProcessAlive, processStartTicks } from './procfs';
import { createRng } from './random';
import { connectContract, type ContractClient } from './rpc';
import { handleDids, seedBrand, seedCommunity, type Member, type SeededBrand } from './seed';
import { CommunitySimulation, type Action, type ActionKind, type IntervalMs } from './simulation';
import { build, buildNeeded, startDesktop, startWebHost, type RunningApp } from './tribune';

const MARKER = '.tribune-sandbox';
const DETAILS = 'sandbox.json';
/** Every community account's password (nothing in the sandbox is real or reachable from outside). */
const PASSWORD = 'bac-a-sable';
const TIME_ZONE = 'Europe/Paris';

interface Options {
  dir: string;
  keep: boolean;
  community: number;
  interval: IntervalMs;
  port: number;
  electron: string | undefined;
  build: boolean;
  seed: number;
  quiet: boolean;
}


const started = performance.now();
const elapsed = () => Math.round(performance.now() - started);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function say(line: string): void {
  process.stdout.write(`[sandbox] ${line}\n`);
}

function parseInterval(text: string): IntervalMs {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (!match) throw new Error(`--interval takes seconds, such as 10 or 5-15, not "${text}"`);
  const min = Number(match[1]) * 1000;
  const max = match[2] ? Number(match[2]) * 1000 : min;
  if (min < 50 || max < min) throw new Error(`--interval must be at least 0.05 s, low end first: "${text}"`);
  return { min, max };
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      keep: { type: 'boolean', default: false },
      community: { type: 'string', default: '30' },
      interval: { type: 'string', default: '5-15' },
      port: { type: 'string', default: '0' },
      web: { type: 'boolean', default: false },
      electron: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      seed: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const community = Number(values.community);
  if (!Number.isInteger(community) || community < COMMUNITY_MIN || community > COMMUNITY_MAX) {
    throw new Error(`--community takes ${COMMUNITY_MIN} to ${COMMUNITY_MAX} accounts, not "${values.community}"`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  return {
    dir: path.resolve(values.dir ?? path.join(os.tmpdir(), 'tribune-sandbox')),
    keep: values.keep,
    community,
    interval: parseInterval(values.interval),
    port,
    electron: values.web ? undefined : values.electron,
    build: !values['no-build'],
    seed: values.seed ? Number(values.seed) : Date.now() % 1_000_000,
    quiet: values.quiet,
  };
}

/**
 * Makes the sandbox folder ready: refuses a folder that is not a sandbox's (so a mistyped
 * --dir cannot wipe anything else), refuses a sandbox that is still running, cleans up after
 * one that was killed, and wipes Tribune's data folder unless --keep.
 */
function prepareFolder(options: Options): { dataDir: string; networkDir: string } {
  const dir = options.dir;
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !fs.existsSync(marker)) {
    throw new Error(`${dir} is not empty and is not a sandbox folder: choose another --dir`);
  }
  fs.mkdirSync(dir, { recursive: true });
  // PostgreSQL runs as its own OS user when we are root: it must be able to traverse here.
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(marker, 'This folder belongs to Tribune’s sandbox (npm run demo). It is wiped at every start unless --keep.\n');

  const detailsFile = path.join(dir, DETAILS);
  if (fs.existsSync(detailsFile)) {
    let previous: SandboxDetails | undefined;
    try {
      previous = JSON.parse(fs.readFileSync(detailsFile, 'utf8')) as SandboxDetails;
    } catch {
      previous = undefined;
    }
    if (previous && previous.pid !== process.pid && isProcessAlive(previous.pid) && processStartTicks(previous.pid) === previous.startTicks) {
      throw new Error(`a sandbox is already running in ${dir} (process ${previous.pid}): stop it first (Ctrl-C in its terminal), or use another --dir`);
    }
    // A sandbox that was killed (no chance to clean up) may have left its processes behind.
    for (const p of previous?.processes ?? []) {
      if (processStartTicks(p.pid) !== undefined && processStartTicks(p.pid) === p.startTicks) {
        say(`stopping ${p.what} (process ${p.pid}) left behind by a previous sandbox`);
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    fs.rmSync(detailsFile, { force: true });
  }

  const networkDir = path.join(dir, 'network');
  fs.rmSync(networkDir, { recursive: true, force: true });
  fs.mkdirSync(networkDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(networkDir, 0o755);

  const dataDir = path.join(dir, 'tribune');
  if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { dataDir, networkDir };
}

function describe(action: Action): string {
  const time = action.at.slice(11, 19);
  const what: Record<ActionKind, string> = {
    post: 'posted',
    mention: 'mentioned the brand',
    reply: 'replied to the brand',
    like: 'liked a brand post',
    repost: 'reposted a brand post',
    rude: 'was rude to the brand',
    spam: 'spammed the brand',
  };
  const text = action.text ? `: “${action.text.length > 90 ? `${action.text.slice(0, 89)}…` : action.text}”` : '';
  return `${time} @${action.by} ${what[action.kind]}${text}`;
}

/** The vault must be ready to hold the brand's tokens. */
async function readyVault(rpc: ContractClient): Promise<string> {
  const status = await rpc.value('vault.status', {});
  if (status.state === 'ready') {
    return status.mode === 'keychain' ? 'the system keychain' : status.mode === 'plaintext' ? 'an unprotected key file (sandbox only)' : 'a passphrase';
  }
  if (status.state === 'needs_setup') {
    // No usable keychain: the sandbox's data is throwaway, so it chooses the unprotected key
    // explicitly (a person would be warned first; never do this with real accounts).
    await rpc.value('vault.useUnprotectedKey', { acknowledgeRisk: true });
    say('No system keychain here: the sandbox stores its vault key UNPROTECTED in its data folder (throwaway data, fake accounts).');
    return 'an unprotected key file (sandbox only)';
  }
  throw new Error(
    `Tribune's vault in the kept data folder is ${status.state.replace('_', ' ')} (${status.problem ?? 'no detail'}). ` +
      'Start without --keep for a fresh sandbox, or unlock it in Tribune and connect the brand by hand.',
  );
}

/** Creates (or, with --keep, finds) the brand's workspace and connects the brand in it. */
async function connectBrand(
  rpc: ContractClient,
  brand: SeededBrand,
  pdsUrl: string,
): Promise<{ workspaceId: string; accountId: string; health: string; newWorkspace: boolean }> {
  const workspaces = await rpc.value('workspace.list', {});
  const existing = workspaces.find((w) => w.name === BRAND.workspaceName);
  const workspace = existing ?? (await rpc.value('workspace.create', { name: BRAND.workspaceName, color: '#0891b2', timeZone: TIME_ZONE }));
  const account = await rpc.value('account.connectBluesky', { workspaceId: workspace.id, identifier: brand.handle, appPassword: brand.appPassword, serviceUrl: pdsUrl });
  // With --keep: connections to a previous sandbox network (its PDS is gone) are removed; what
  // they published stays in the history.
  const current = new URL(pdsUrl);
  for (const ws of workspaces) {
    for (const old of await rpc.value('account.list', { workspaceId: ws.id })) {
      if (old.id === account.id || old.network !== 'bluesky') continue;
      const at = new URL(old.serviceUrl);
      if (['127.0.0.1', 'localhost'].includes(at.hostname) && at.port !== current.port) {
        await rpc.value('account.remove', { id: old.id, deleteHistory: false });
        say(`removed @${old.handle} from “${ws.name}”: it was connected to a previous sandbox network`);
      }
    }
  }
  const listed = await rpc.value('account.list', { workspaceId: workspace.id });
  const connected = listed.find((a) => a.id === account.id);
  if (!connected) throw new Error('the brand account is missing from its workspace after connecting it');
  return { workspaceId: workspace.id, accountId: account.id, health: connected.health, newWorkspace: !existing };
}

/** A few actions at once so the brand's notifications are not empty when the person arrives. */
async function warmUp(simulation: CommunitySimulation): Promise<void> {
  const kinds: ActionKind[] = ['post', 'mention', 'reply', 'like', 'mention', 'repost', 'reply', 'like', 'post', 'rude', 'mention', 'spam', 'like', 'reply'];
  for (const kind of kinds) await simulation.act(kind);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const originalTmpdir = process.env.TMPDIR;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // From the process's start to here: Node, the TypeScript loader and the imports (dev-env's
  // servers are the bulk of it). The other timings count from here.
  const timings: Record<string, number> = { imports: Math.round(started) };
  const rng = createRng(options.seed);

  let network: BlueskyNetwork | undefined;
  let app: RunningApp | undefined;
  let simulation: CommunitySimulation | undefined;
  let rpc: ContractClient | undefined;
  let folders: { dataDir: string; networkDir: string } | undefined;
  let stopRequested = false;
  let shuttingDown: Promise<never> | undefined;

  const shutdown = (code: number, why: string): Promise<never> =>
    (shuttingDown ??= (async () => {
      say(`stopping (${why})…`);
      const t0 = performance.now();
      // Something stuck must not keep the person waiting forever: kill what is left.
      const watchdog = setTimeout(() => {
        say('stopping takes too long: killing what is left');
        for (const p of descendantProcesses().reverse()) {
          try {
            process.kill(p.pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
        process.exit(code || 1);
      }, 45_000);
      const step = async (what: string, fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (error) {
          say(`while stopping ${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      await step('the community', async () => simulation?.stop());
      rpc?.close();
      await step('Tribune', async () => app?.stop());
      await step('the network', async () => network?.close());
      process.env.TMPDIR = originalTmpdir;
      if (folders) fs.rmSync(folders.networkDir, { recursive: true, force: true });
      fs.rmSync(path.join(options.dir, DETAILS), { force: true });
      clearTimeout(watchdog);
      if (simulation) {
        const c = simulation.counts;
        say(`the community did ${Object.values(c).reduce((a, b) => a + b, 0)} things: ${Object.entries(c).map(([k, v]) => `${v} ${k}`).join(', ')}`);
      }
      // (esbuild is the TypeScript loader this supervisor runs with; it leaves with it.)
      const leftover = descendantProcesses().filter((p) => p.command !== 'esbuild');
      if (leftover.length > 0) say(`still running: ${leftover.map((p) => `${p.command} (${p.pid})`).join(', ')}`);
      if (folders) say(`Tribune's sandbox data stays in ${folders.dataDir} until the next \`npm run demo\` (which starts fresh unless --keep).`);
      say(`stopped in ${seconds(performance.now() - t0)}: nothing of the sandbox is running any more.`);
      process.exit(code);
    })());

  let startingUp = true;
  const requestStop = (why: string) => {
    if (shuttingDown) return say('still stopping…');
    if (stopRequested) return;
    stopRequested = true;
    // During start-up the step in progress finishes first; main() notices and stops.
    if (!startingUp) void shutdown(0, why);
    else say(`${why}: stopping as soon as the current step is done…`);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => requestStop(signal));
  // Started by scripts/demo.mjs: if it is killed, the sandbox must not run on unseen.
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) requestStop('the process that started the sandbox is gone');
  }, 1_000).unref();
  process.on('uncaughtException', (error) => {
    say(`unexpected error: ${error.stack ?? error.message}`);
    void shutdown(1, 'unexpected error');
  });
  process.on('unhandledRejection', (error) => {
    // dev-env's background work can reject while it shuts down; before that it is worth a line.
    if (!shuttingDown) say(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });
  const checkpoint = (name: string) => {
    timings[name] = elapsed();
    if (stopRequested) throw new StopRequested();
  };

  try {
    say('Tribune sandbox: a private Bluesky network on 127.0.0.1 where nothing is public.');
    folders = prepareFolder(options);
    const { dataDir, networkDir } = folders;
    say(`sandbox folder: ${options.dir} (Tribune's data: ${dataDir})${options.keep ? ' — kept from the last run (--keep)' : ''}`);

    // The build (when needed) runs before the network so the two do not fight over 2 cores.
    if (options.build) {
      const why = buildNeeded(options.electron !== undefined);
      if (why) {
        say(`building Tribune (${why})…`);
        build();
      }
    }
    checkpoint('built');

    network = await startBlueskyNetwork({ baseDir: networkDir, schema: 'sandbox', localImages: true });
    const pg = network.postgresBinaries;
    say(
      `network up in ${seconds(network.startupMs)}: PDS ${network.pdsUrl}, AppView ${network.appviewUrl}, PLC ${network.plcUrl}, ` +
        `PostgreSQL ${network.postgresUrl} (${pg?.source === 'embedded' ? 'embedded, from npm' : `${pg?.source ?? 'external'}: ${pg?.dir ?? 'PATH'}`})`,
    );
    checkpoint('network');

    const brand = await seedBrand(network, PASSWORD);
    // Indexed before Tribune reads the brand's profile (its name and avatar) at connection.
    await network.processAll();
    checkpoint('brand');
    const net = network;

    // The community is seeded while Tribune starts and connects the brand.
    const seeding = seedCommunity(net, brand, { size: options.community, rng, password: PASSWORD });
    seeding.catch(() => undefined);
    const appEnv: NodeJS.ProcessEnv = { ...childEnv };
    if (originalTmpdir === undefined) delete appEnv.TMPDIR;
    else appEnv.TMPDIR = originalTmpdir;
    app = await startWebHost({
      dataDir,
      plcUrl: net.plcUrl,
      appviewUrl: net.appviewUrl,
      pdsUrl: net.pdsUrl,
      env: appEnv,
      port: options.port,
      log: (line) => process.stdout.write(`[tribune] ${line}\n`),
    });
    checkpoint('host');
    rpc = await connectContract(app.url!);
    const vault = await readyVault(rpc);
    const connected = await connectBrand(rpc, brand, net.pdsUrl);
    if (connected.health !== 'ok') throw new Error(`the brand account was connected but its health is “${connected.health}”`);
    say(`workspace “${BRAND.workspaceName}”: @${brand.handle} connected with an app password (tokens in the vault, key in ${vault})`);
    if (connected.newWorkspace) {
      await seedBoard(rpc, connected.workspaceId, connected.accountId, TIME_ZONE);
      await seedModeration(rpc, connected.workspaceId);
    }
    checkpoint('connected');

    const members: Member[] = await seeding;
    checkpoint('community');
    const dids = handleDids(brand, members);
    say(`community: ${members.length} accounts with names, avatars and bios, following the brand and each other`);
    simulation = new CommunitySimulation({
      members,
      brand,
      dids,
      appviewUrl: net.appviewUrl,
      rng,
      onAction: (action) => {
        if (!options.quiet) process.stdout.write(`[community] ${describe(action)}\n`);
      },
      onError: (error) => say(`a community action failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    await net.processAll();
    checkpoint('indexed');
    await warmUp(simulation);
    await net.processAll();
    checkpoint('seeded');

    const appLog = (line: string) => process.stdout.write(`[tribune] ${line}\n`);
    let launchedAt = performance.now();
    if (options.electron) {
      // The desktop app takes over the data folder: one core at a time on a database.
      rpc.close();
      rpc = undefined;
      await app.stop();
      app = startDesktop(options.electron, { dataDir, plcUrl: net.plcUrl, appviewUrl: net.appviewUrl, pdsUrl: net.pdsUrl, env: appEnv, log: appLog });
      launchedAt = performance.now();
      checkpoint('desktop');
    }

    const writeDetails = (running: RunningApp) => {
      const details: SandboxDetails = {
        pid: process.pid,
        startTicks: processStartTicks(process.pid),
        startedAt: new Date().toISOString(),
        sandboxDir: options.dir,
        dataDir,
        app: running.kind,
        url: running.url ?? null,
        pdsUrl: net.pdsUrl,
        appviewUrl: net.appviewUrl,
        plcUrl: net.plcUrl,
        ozoneUrl: net.ozoneUrl,
        postgresUrl: net.postgresUrl,
        postgres: { source: pg?.source ?? 'external', dir: pg?.dir ?? null },
        ports: [...net.ports, ...(running.port ? [running.port] : [])],
        processes: [
          ...net.pids.map((pid) => ({ pid, startTicks: processStartTicks(pid), what: 'PostgreSQL' })),
          { pid: running.process.pid!, startTicks: processStartTicks(running.process.pid!), what: running.kind === 'web' ? 'Tribune (web host)' : 'Tribune (desktop)' },
        ],
        brand: { handle: brand.handle, did: brand.did, password: brand.password, appPassword: brand.appPassword, workspace: BRAND.workspaceName },
        community: { count: members.length, password: PASSWORD, handles: members.map((m) => m.handle) },
        timings,
      };
      fs.writeFileSync(path.join(options.dir, DETAILS), `${JSON.stringify(details, null, 2)}\n`, { mode: 0o600 });
    };
    writeDetails(app);

    // Tribune leaving ends the sandbox, except a desktop app that leaves at once (no display,
    // or another Tribune already open holding the single-instance lock): the browser takes over.
    const watch = (running: RunningApp) => {
      void running.exited.then(async (code) => {
        if (shuttingDown || stopRequested) return;
        if (running.kind === 'desktop' && performance.now() - launchedAt < 10_000) {
          say(`the desktop app closed at once (exit ${code}): opening Tribune in the browser instead`);
          try {
            app = await startWebHost({ dataDir, plcUrl: net.plcUrl, appviewUrl: net.appviewUrl, pdsUrl: net.pdsUrl, env: appEnv, port: options.port, log: appLog });
          } catch (error) {
            say(`Tribune's web host could not start either: ${error instanceof Error ? error.message : String(error)}`);
            return void shutdown(1, 'Tribune could not be opened');
          }
          writeDetails(app);
          watch(app);
          process.stdout.write(`  Tribune (sandbox) is ready: open ${app.url}\n`);
          return;
        }
        void shutdown(running.kind === 'desktop' && code === 0 ? 0 : 1, running.kind === 'desktop' ? 'the Tribune window was closed' : `Tribune's web host exited (${code})`);
      });
    };
    watch(app);

    startingUp = false;
    if (stopRequested) throw new StopRequested();
    simulation.start(options.interval);
    timings.ready = elapsed();
    const every = options.interval.min === options.interval.max ? seconds(options.interval.min) : `${seconds(options.interval.min)}–${seconds(options.interval.max)}`;
    process.stdout.write(
      [
        '',
        `  Tribune sandbox ready in ${seconds(timings.ready)} — nothing here is public, everything runs on 127.0.0.1.`,
        `  Workspace “${BRAND.workspaceName}”, brand account @${brand.handle}.`,
        `  The community (${members.length} accounts) acts every ${every}. Every sandbox account's password is “${PASSWORD}”.`,
        `  Sandbox AppView: ${net.appviewUrl}   PDS: ${net.pdsUrl}`,
        `  Details: ${path.join(options.dir, DETAILS)}`,
        app.kind === 'web'
          ? `  Tribune (sandbox) is ready: open ${app.url}`
          : `  Tribune (sandbox) is open in its desktop window (data: ${dataDir}).`,
        '  Press Ctrl-C to stop everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    startingUp = false;
    if (error instanceof StopRequested) return void shutdown(0, 'stopped during start-up');
    say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1, 'start-up failed');
  }
}

class StopRequested extends Error {
  constructor() {
    super('stop requested');
  }
}

void main();
