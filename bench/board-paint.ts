/**
 * A board of 10 network columns x 5,000 cached items, in Chromium through the web host:
 * - cold start: spawning the host on the data folder to every column painted (first card),
 *   against the same board with nothing cached (every column painted empty); ratio, goal <= 1.5;
 * - scrolling: each column from top to bottom (paging down through the cache as a person
 *   would), one scroll step per animation frame with the frame rate unlocked, so a frame's
 *   time is the time the page took to produce it: p50 / p95, goal p95 <= 16.7 ms. Before a
 *   column is measured it is brought into view (a person scrolls the board sideways to it; the
 *   board is wider than the window) and the page is left to settle (an idle callback), so the
 *   figures are frames of scrolling, not of the page still starting or of a column off screen;
 * - the CPU time the browser and the host spent per frame while scrolling (all their processes);
 * - the renderer's JS heap after all of it (everything scrolled is kept), goal < 300 MB.
 * The cache is written through the streams module (StreamCache) into the real SQLite file. The
 * authors' avatars point at 127.0.0.1:1, where nothing answers (nothing but 127.0.0.1 is ever
 * contacted): the host's image cache answers 404 and the cards show initials, as offline.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../src/main/core/app';
import { createBoardCore } from '../src/main/core/board';
import { AccountRepository } from '../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../src/main/core/repositories/workspaces';
import { StreamCache } from '../src/main/core/streams/cache';
import { openStore } from '../src/main/core/store/database';
import type { ColumnType } from '../src/shared/board/schemas';
import { actor, entry } from '../tests/helpers/board/fixtures';
import { ensureBuilt } from '../tests/helpers/build';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';
import { startHost } from '../tests/helpers/host';
import { percentile, round } from './stats';

const COLUMNS = 10;
const ITEMS = 5_000;
const PAGE = 40;
const RUNS = 3;
/**
 * Pixels scrolled per frame: 400 by default (a fling, ~24,000 px/s at 60 fps; the figures of
 * earlier notes use it); BENCH_SCROLL_STEP=100 measures a wheel notch per frame (~6,000 px/s).
 */
const STEP_PX = Number(process.env.BENCH_SCROLL_STEP ?? 400);
/**
 * Columns scrolled, from the first: all 10 by default (the figure); BENCH_COLUMNS_SCROLLED=1
 * or 2 for a quicker look while working (the same frames, fewer of them).
 */
const COLUMNS_SCROLLED = Math.min(COLUMNS, Number(process.env.BENCH_COLUMNS_SCROLLED ?? COLUMNS));
/** A column that takes longer stops there (its figures say how far it got). */
const COLUMN_LIMIT_MS = 120_000;
const progress = (text: string) => process.stderr.write(`  ${text}\n`);

const LONG = 'Le marché de Noël ouvre samedi sur le quai : navettes gratuites depuis la gare, concerts le soir, et la grande roue jusqu’au 3 janvier. ';

/** A data folder with one workspace, one Bluesky account and 10 columns, each with `items` cached entries. */
export async function seed(dataDir: string, items: number): Promise<string[]> {
  const clock = { now: () => Date.parse('2026-12-01T08:00:00Z') };
  const { db } = await openStore({ file: path.join(dataDir, DATABASE_FILE), backupDir: path.join(dataDir, 'backups'), clock });
  try {
    const workspaces = new WorkspaceRepository(db);
    const accounts = new AccountRepository(db);
    const ws = workspaces.create({ id: randomUUID(), name: 'Office de Tourisme de Port-Lumière', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    // An address nothing answers: the host's polling finds the network unreachable.
    const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: 0 });
    const board = createBoardCore({ db, clock, accounts, workspaces, emit: () => undefined });
    // The cache may hold that many per column (Settings > Board; the default keeps 2,000).
    board.settings.setRetention({ maxItemsPerColumn: ITEMS, maxItemsTotal: COLUMNS * ITEMS });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const types: [ColumnType, object?][] = [['home'], ['mentions'], ['search', { q: 'Port-Lumière' }], ['search', { tag: 'PortLumiere' }], ['search', { q: 'marché' }], ['search', { q: 'navette' }], ['list', { listId: 'l1' }], ['profile', { handle: 'alice.test' }], ['own_posts'], ['search', { q: 'plage' }]];
    const cache = new StreamCache(db);
    const ids: string[] = [];
    for (const [c, [type, query]] of types.slice(0, COLUMNS).entries()) {
      const column = await board.handlers['column.add']({ boardId: b!.id, type, accountId: account.id, ...(query ? { query } : {}) });
      ids.push(column.id);
      // Variable heights: one card in three has a long text.
      const all = Array.from({ length: items }, (_, i) => {
        const n = c * ITEMS + i;
        const author = actor(n % 50, { avatarUrl: `http://127.0.0.1:1/avatar/${n % 50}.jpg` });
        if (n % 3 !== 0) return entry(n, { author });
        const text = `${LONG.repeat(1 + (n % 4))}#PortLumiere ${n}`;
        return entry(n, { author, text, spans: [{ type: 'text', text }] });
      });
      for (let i = 0; i < items; i += PAGE) cache.ingest(column.id, account.id, 'bluesky', all.slice(i, i + PAGE), clock.now());
    }
    return ids;
  } finally {
    db.close();
  }
}

/**
 * CPU time (user + system, ms) of every process this one started (the browser and the host),
 * read from /proc: wall frame times on a shared machine measure the neighbours too, this does not.
 * NaN where there is no /proc.
 */
function childrenCpuMs(): number {
  if (!fs.existsSync('/proc/self/stat')) return NaN;
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  const ticksMs = 10; // USER_HZ is 100 on Linux
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) * ticksMs);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      total += cpu.get(child) ?? 0;
      walk(child);
    }
  };
  walk(process.pid);
  return total;
}

/** From spawning the host to every column painted (a first card, or its empty state). */
async function coldStart(browser: Browser, dataDir: string, columnIds: string[], filled: boolean): Promise<{ ms: number; page: Page; stop: () => Promise<unknown> }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const start = performance.now();
  const host = await startHost({ dataDir });
  await page.goto(host.url);
  await page.waitForFunction(
    ({ ids, selector }) => ids.every((id) => document.querySelector(`[data-column-id="${id}"] ${selector}`)),
    { ids: columnIds, selector: filled ? '.virtual-row' : '.column-empty' },
    { timeout: 120_000, polling: 'raf' },
  );
  return { ms: performance.now() - start, page, stop: () => host.stop() };
}

/** Scrolls one column to its last entry, one step a frame; returns every frame's time. */
async function scrollColumn(page: Page, columnId: string, total: number): Promise<{ frames: number[]; reached: number; ms: number }> {
  // tsx names the functions below with a helper the page does not have.
  await page.evaluate('window.__name = window.__name || ((f) => f)');
  // In view, as a person would have it, then measured once the page has nothing else to do.
  await page.evaluate(
    (id) =>
      new Promise<void>((resolve) => {
        document.querySelector(`[data-column-id="${id}"]`)!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 10_000 }));
      }),
    columnId,
  );
  return page.evaluate(
    ({ id, total, step, limitMs }) =>
      new Promise<{ frames: number[]; reached: number; ms: number }>((resolve) => {
        const scroller = document.querySelector<HTMLElement>(`[data-column-id="${id}"] .virtual-scroll`)!;
        const frames: number[] = [];
        const began = performance.now();
        let last = began;
        const lastShown = () => Number(scroller.querySelector('.virtual-row:last-child')?.getAttribute('aria-posinset') ?? 0);
        const maxShown = () => Math.max(0, ...Array.from(scroller.querySelectorAll('.virtual-row'), (r) => Number(r.getAttribute('aria-posinset'))));
        const frame = (now: number) => {
          frames.push(now - last);
          last = now;
          const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
          if ((atBottom && maxShown() >= total) || now - began > limitMs) {
            resolve({ frames: frames.slice(1), reached: Math.max(lastShown(), maxShown()), ms: now - began });
            return;
          }
          scroller.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(frame);
        });
      }),
    { id: columnId, total, step: STEP_PX, limitMs: COLUMN_LIMIT_MS },
  );
}

export async function benchBoardPaint() {
  ensureBuilt();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-paint-'));
  const fullDir = path.join(root, 'full');
  const emptyDir = path.join(root, 'empty');
  fs.mkdirSync(fullDir);
  fs.mkdirSync(emptyDir);
  // Frames as fast as the page can make them: a frame's interval is its cost, not the display's.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  try {
    let t = performance.now();
    const fullIds = await seed(fullDir, ITEMS);
    const seedMs = performance.now() - t;
    const emptyIds = await seed(emptyDir, 0);
    const cacheBytes = fs.statSync(path.join(fullDir, DATABASE_FILE)).size;
    progress(`seeded ${COLUMNS} x ${ITEMS} in ${round(seedMs / 1000, 1)} s`);

    const full: number[] = [];
    const empty: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [dir, ids, filled, into] of [[emptyDir, emptyIds, false, empty], [fullDir, fullIds, true, full]] as const) {
        const started = await coldStart(browser, dir, ids, filled);
        into.push(started.ms);
        progress(`cold start ${filled ? 'filled' : 'empty'} board: ${round(started.ms, 0)} ms`);
        await started.page.close();
        await started.stop();
      }
    }

    // BENCH_SCROLL=0 measures the cold starts only (the scrolling takes ~8 minutes).
    if (process.env.BENCH_SCROLL === '0') return { columns: COLUMNS, itemsPerColumn: ITEMS, runs: RUNS, coldStart: { emptyBoardMsP50: round(percentile(empty, 50), 0), filledBoardMsP50: round(percentile(full, 50), 0), filledRuns: full.map((v) => round(v, 0)), emptyRuns: empty.map((v) => round(v, 0)), ratio: round(percentile(full, 50) / percentile(empty, 50), 2), goal: '<= 1.5' } };
    // Scrolling and heap, in a fresh start of the filled board.
    const started = await coldStart(browser, fullDir, fullIds, true);
    const frames: number[] = [];
    const perColumn: { reached: number; seconds: number; p95: number }[] = [];
    t = performance.now();
    const cpuBefore = childrenCpuMs();
    for (const id of fullIds.slice(0, COLUMNS_SCROLLED)) {
      const r = await scrollColumn(started.page, id, ITEMS);
      frames.push(...r.frames);
      perColumn.push({ reached: r.reached, seconds: round(r.ms / 1000, 1), p95: round(percentile(r.frames, 95), 1) });
      progress(`scrolled column ${perColumn.length}: ${JSON.stringify({ ...perColumn.at(-1), frames: r.frames.length, p50: round(percentile(r.frames, 50), 1) })}`);
    }
    const scrollMs = performance.now() - t;
    const scrollCpuMs = childrenCpuMs() - cpuBefore;
    const cdp = await started.page.context().newCDPSession(started.page);
    await cdp.send('Performance.enable');
    const metric = async (name: string) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? NaN;
    const heapMb = (await metric('JSHeapUsedSize')) / 1024 / 1024;
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGcMb = (await metric('JSHeapUsedSize')) / 1024 / 1024;
    const domNodes = await metric('Nodes');
    await started.page.close();
    await started.stop();

    const fullP50 = percentile(full, 50);
    const emptyP50 = percentile(empty, 50);
    return {
      columns: COLUMNS,
      itemsPerColumn: ITEMS,
      cacheFileMb: round(cacheBytes / 1024 / 1024, 1),
      seedSeconds: round(seedMs / 1000, 1),
      runs: RUNS,
      coldStart: { emptyBoardMsP50: round(emptyP50, 0), filledBoardMsP50: round(fullP50, 0), filledRuns: full.map((v) => round(v, 0)), emptyRuns: empty.map((v) => round(v, 0)), ratio: round(fullP50 / emptyP50, 2), goal: '<= 1.5' },
      scrolling: {
        stepPx: STEP_PX,
        columnsScrolled: COLUMNS_SCROLLED,
        frames: frames.length,
        seconds: round(scrollMs / 1000, 1),
        frameMsP50: round(percentile(frames, 50), 1),
        frameMsP95: round(percentile(frames, 95), 1),
        frameMsMax: round(Math.max(...frames), 1),
        cpuMsPerFrame: round(scrollCpuMs / frames.length, 1),
        perColumn,
        goal: 'p95 <= 16.7',
      },
      rendererHeap: { usedMb: round(heapMb, 1), usedAfterGcMb: round(heapAfterGcMb, 1), domNodes, goal: '< 300' },
    };
  } finally {
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
