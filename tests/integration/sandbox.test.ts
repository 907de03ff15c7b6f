/**
 * `npm run demo` (scripts/demo.mjs → sandbox/main.ts), started and stopped for real: the
 * embedded PostgreSQL, the reference PLC + PDS + AppView, the seeded brand and community,
 * Tribune's web host with the brand connected through the normal connector and vault, a post
 * published from the UI in Chromium, the community's next mention in the brand's
 * notifications, and Ctrl-C leaving no process or port behind.
 *
 * The community acts every 0.5-1 s here (5-15 s in the demo) and has 20 accounts (30 there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppBskyFeedPost, AppBskyRichtextFacet, AtpAgent } from '@atproto/api';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import type { SandboxDetails } from '../../sandbox/details';
import { connectContract, type ContractClient } from '../../sandbox/rpc';
import { ensureBuilt } from '../helpers/build';
import { ROOT } from '../helpers/host';
import { allListeningSockets, descendantProcesses, isPortListening, isProcessAlive, listeningSocketsOf } from '../helpers/bluesky/procfs';

const START_TIMEOUT = 300_000;
const WORKSPACE = 'Office de Tourisme de Port-Lumière';
const BRAND = 'port-lumiere.test';

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm run demo: the sandbox, from start to Ctrl-C', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-sandbox-test-'));
  let demo: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let url: string;
  let details: SandboxDetails;
  let rpc: ContractClient;
  let browser: Browser | undefined;
  let startedMs = 0;

  beforeAll(async () => {
    ensureBuilt();
    // A previous run's data, which a start without --keep must wipe.
    fs.writeFileSync(path.join(dir, '.tribune-sandbox'), 'previous run\n');
    fs.mkdirSync(path.join(dir, 'tribune'));
    fs.writeFileSync(path.join(dir, 'tribune', 'left-from-last-time.txt'), 'stale');

    const t0 = Date.now();
    demo = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts', 'demo.mjs'), '--web', '--no-build', '--quiet', '--dir', dir, '--community', '20', '--interval', '0.5-1'],
      { cwd: ROOT, env: { ...process.env, LANG: 'fr_FR.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve({ code, signal })));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox did not get ready in time:\n${output}`)), START_TIMEOUT - 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Tribune \(sandbox\) is ready: open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      demo.stdout!.on('data', onData);
      demo.stderr!.on('data', onData);
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox exited during start-up (${signal ?? code}):\n${output}`));
      });
    });
    startedMs = Date.now() - t0;
    details = JSON.parse(fs.readFileSync(path.join(dir, 'sandbox.json'), 'utf8')) as SandboxDetails;
    rpc = await connectContract(url);
  }, START_TIMEOUT);

  afterAll(async () => {
    rpc?.close();
    await browser?.close();
    if (demo && demo.exitCode === null && demo.signalCode === null) {
      demo.kill('SIGINT');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('starts from scratch on 127.0.0.1, with the embedded PostgreSQL, the brand connected and healthy in its workspace', async () => {
    console.log(`sandbox ready in ${(startedMs / 1000).toFixed(1)} s (supervisor timings: ${JSON.stringify(details.timings)})`);
    expect(fs.existsSync(path.join(dir, 'tribune', 'left-from-last-time.txt'))).toBe(false);
    expect(details.dataDir).toBe(path.join(dir, 'tribune'));
    expect(details.postgres.source).toBe('embedded');
    expect(output).toContain(`Sandbox AppView: ${details.appviewUrl}`);
    for (const u of [details.pdsUrl, details.appviewUrl, details.plcUrl, details.postgresUrl, url]) expect(new URL(u).hostname).toBe('127.0.0.1');

    // Everything the sandbox's processes listen on is on loopback, and listed in its details.
    const pids = [demo.pid!, ...descendantProcesses(demo.pid!).map((p) => p.pid)];
    const sockets = pids.flatMap((pid) => listeningSocketsOf(pid));
    expect(sockets.length).toBeGreaterThanOrEqual(7); // PLC, PDS, AppView, data plane, bsync, Ozone, PostgreSQL, web host
    expect(sockets.filter((s) => s.address !== '127.0.0.1')).toEqual([]);
    for (const socket of sockets) expect(details.ports).toContain(socket.port);

    const info = await rpc.value('app.info', {});
    expect(info).toMatchObject({ host: 'web', sandbox: true, sandboxPdsUrl: details.pdsUrl, dataDir: details.dataDir });
    const workspaces = await rpc.value('workspace.list', {});
    expect(workspaces.map((w) => w.name)).toEqual([WORKSPACE]);
    const accounts = await rpc.value('account.list', { workspaceId: workspaces[0]!.id });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ network: 'bluesky', handle: BRAND, health: 'ok', displayName: WORKSPACE, serviceUrl: details.pdsUrl });
    expect((await rpc.value('vault.status', {})).state).toBe('ready');

    // The community: 20 accounts with avatars and bios, all following the brand.
    const appview = new AtpAgent({ service: details.appviewUrl });
    const profile = (await appview.app.bsky.actor.getProfile({ actor: BRAND })).data;
    expect(profile.followersCount).toBe(20);
    expect(details.community.count).toBe(20);
    const people = (await appview.app.bsky.actor.getProfiles({ actors: details.community.handles.slice(0, 25) })).data.profiles;
    expect(people).toHaveLength(20);
    for (const person of people) {
      expect(person.displayName).toBeTruthy();
      expect(person.description).toBeTruthy();
      expect(person.avatar).toBeTruthy();
    }
  });

  it('publishes a post from the UI (Chromium through the web host) that appears on the sandbox AppView', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.getByRole('main', { name: /^(Tableau|Board)$/ }).waitFor();
    // The app says plainly that this is the sandbox, and where its data lives.
    const banner = page.getByTestId('sandbox-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(details.dataDir);

    const text = `Test du bac à sable ${Date.now()} : le phare est ouvert ce week-end ! #PortLumière`;
    await page.getByRole('button', { name: /Nouveau brouillon|New draft/ }).first().click();
    const composer = page.getByRole('complementary', { name: /^(Rédiger|Composer)$/ });
    await composer.getByRole('textbox', { name: /Texte du brouillon|Draft text/ }).fill(text);
    const chip = composer.getByRole('group', { name: /Publier sur|Publish to/ }).getByRole('button', { name: new RegExp(`@${BRAND.replace('.', '\\.')}`) });
    if ((await chip.getAttribute('aria-pressed')) !== 'true') await chip.click();
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('true');
    const publish = composer.getByRole('button', { name: /^(Publier maintenant|Publish now)$/ });
    await expect.poll(() => publish.isEnabled(), { timeout: 15_000 }).toBe(true);
    await publish.click();

    const appview = new AtpAgent({ service: details.appviewUrl });
    const found = await until('the post on the sandbox AppView', 60_000, async () => {
      const { data } = await appview.app.bsky.feed.getAuthorFeed({ actor: details.brand.did, limit: 30 });
      return data.feed.find((item) => (item.post.record as AppBskyFeedPost.Record).text === text);
    });
    expect(found.post.author.handle).toBe(BRAND);
    const record = found.post.record as AppBskyFeedPost.Record;
    expect(record.facets?.some((f) => f.features.some((feature) => feature.$type === 'app.bsky.richtext.facet#tag'))).toBe(true);
    await page.close();
  });

  it("shows the community's next mention of the brand in the brand's notifications on the AppView", async () => {
    const agent = new AtpAgent({ service: details.pdsUrl });
    await agent.login({ identifier: BRAND, password: details.brand.password });
    // What the brand already has: the sandbox warms the community up before opening.
    const before = await agent.app.bsky.notification.listNotifications({ limit: 100 });
    expect(before.data.notifications.some((n) => n.reason === 'mention')).toBe(true);
    expect(before.data.notifications.some((n) => n.reason === 'follow')).toBe(true);

    const since = new Date().toISOString();
    const mention = await until('a new mention of the brand', 60_000, async () => {
      const { data } = await agent.app.bsky.notification.listNotifications({ limit: 50 });
      return data.notifications.find((n) => n.reason === 'mention' && (n.record as AppBskyFeedPost.Record).createdAt > since);
    });
    const record = mention.record as AppBskyFeedPost.Record;
    expect(record.text).toContain(`@${BRAND}`);
    const mentioned = (record.facets ?? []).flatMap((f) => f.features).filter((feature) => AppBskyRichtextFacet.isMention(feature));
    expect(mentioned.map((m) => m.did)).toContain(details.brand.did);
    expect(details.community.handles).toContain(mention.author.handle);
  });

  it('stops on Ctrl-C (SIGINT) and leaves no process, port or temporary folder behind', async () => {
    const processes = descendantProcesses(demo.pid!);
    // The supervisor, its TypeScript loader, PostgreSQL's processes and Tribune's web host.
    expect(processes.map((p) => p.command)).toContain('postgres');
    for (const p of details.processes) {
      expect(isProcessAlive(p.pid)).toBe(true);
      expect(processes.map((q) => q.pid)).toContain(p.pid);
    }
    const ports = [...details.ports];
    expect(await canConnect(Number(new URL(url).port))).toBe(true);
    rpc.close();

    const t0 = Date.now();
    demo.kill('SIGINT');
    const { code, signal } = await exited;
    console.log(`sandbox stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('nothing of the sandbox is running any more');

    await until('every sandbox process gone', 10_000, async () => (processes.every((p) => !isProcessAlive(p.pid)) ? true : undefined)).catch(() => undefined);
    for (const p of processes) expect(isProcessAlive(p.pid), `${p.command} (${p.pid}) still running`).toBe(false);
    for (const port of ports) {
      expect(isPortListening(port), `port ${port} still listening`).toBe(false);
      expect(await canConnect(port), `port ${port} still accepts connections`).toBe(false);
    }
    expect(allListeningSockets().filter((s) => ports.includes(s.port))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'sandbox.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'network'))).toBe(false);
    // Tribune's data folder stays for a later `npm run demo -- --keep`.
    expect(fs.existsSync(path.join(dir, 'tribune', 'tribune.sqlite3'))).toBe(true);
  });
});
