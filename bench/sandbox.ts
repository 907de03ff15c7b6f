import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxDetails } from '../sandbox/details';
import { treeMemory, type TreeMemory } from '../sandbox/procfs';
import { connectContract } from '../sandbox/rpc';
import { ensureBuilt } from '../tests/helpers/build';
import { ROOT } from '../tests/helpers/host';
import { round } from './stats';

/** How long the community lives (at the demo's default pace) before memory is measured. */
const SETTLE_MS = 20_000;
const MiB = 1024 * 1024;

const mib = (bytes: number) => round(bytes / MiB, 1);

/**
 * `npm run demo` as a person runs it (default community of 30, an action every 5-15 s), with
 * the web host: time from spawning it to a usable board (the address printed, the page served,
 * app.info and account.list showing the brand connected and healthy, then the board painted in
 * Chromium with its seeded cards), the resident memory of the whole sandbox (the launcher, the
 * supervisor with the in-process PLC/PDS/AppView/Ozone, PostgreSQL, Tribune's web host) after
 * 20 s of community life, and the time Ctrl-C takes to stop it all.
 */
export async function benchSandbox() {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-sandbox-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const start = performance.now();
  const demo = spawn(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs'), '--web', '--no-build', '--quiet', '--dir', dir], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'fr_FR.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)));
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 240 s:\n${output}`)), 240_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Tribune \(sandbox\) is ready: open (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      demo.stdout.on('data', onData);
      demo.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`the sandbox exited (${code}):\n${output}`)));
    });
    const urlPrintedMs = performance.now() - start;

    const page = await fetch(url);
    if (!page.ok) throw new Error(`the board's page answered ${page.status}`);
    const rpc = await connectContract(url);
    const info = await rpc.value('app.info', {});
    const [workspace] = await rpc.value('workspace.list', {});
    const accounts = workspace ? await rpc.value('account.list', { workspaceId: workspace.id }) : [];
    rpc.close();
    if (!info.sandbox || accounts[0]?.health !== 'ok') throw new Error(`the brand is not connected: ${JSON.stringify(accounts)}`);
    const boardUsableMs = performance.now() - start;

    const tab = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await tab.goto(url);
    const firstCard = tab.getByRole('region', { name: /Brouillons|Drafts/ }).getByRole('listitem').first();
    // Once more if another build rewrote dist/renderer under the page (shared machines).
    await firstCard.waitFor({ timeout: 20_000 }).catch(async () => {
      await tab.reload();
      await firstCard.waitFor({ timeout: 20_000 });
    });
    const boardPaintedMs = performance.now() - start;
    await tab.close();

    const details = JSON.parse(fs.readFileSync(path.join(dir, 'sandbox.json'), 'utf8')) as SandboxDetails;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const memory = treeMemory(demo.pid!);
    const hostPid = details.processes.find((p) => p.what.startsWith('Tribune'))?.pid;
    const host = hostPid ? treeMemory(hostPid) : undefined;

    const stopAt = performance.now();
    demo.kill('SIGINT');
    const code = await exited;
    const stopMs = performance.now() - stopAt;

    const summary = (m: TreeMemory | undefined) => (m ? { processes: m.processes, rssMiB: mib(m.rssBytes), pssMiB: mib(m.pssBytes) } : null);
    const postgres = memory.byCommand.postgres;
    return {
      community: details.community.count,
      urlPrintedMs: round(urlPrintedMs, 0),
      boardUsableMs: round(boardUsableMs, 0),
      boardPaintedInChromiumMs: round(boardPaintedMs, 0),
      supervisorPhasesMs: details.timings,
      memoryAfter20sOfCommunityLife: {
        whole: summary(memory),
        postgres: postgres ? { processes: postgres.processes, rssMiB: mib(postgres.rssBytes), pssMiB: mib(postgres.pssBytes) } : null,
        tribuneWebHost: summary(host),
        note: 'rss sums VmRSS (counts PostgreSQL shared buffers and shared libraries once per process); pss shares them out (what the sandbox really holds)',
      },
      ctrlCToAllStoppedMs: round(stopMs, 0),
      exitCode: code,
    };
  } finally {
    if (demo.exitCode === null && demo.signalCode === null) {
      demo.kill('SIGINT');
      await exited;
    }
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
