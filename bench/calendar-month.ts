/**
 * The month view with 2,000 posts (half scheduled on two accounts, half drafts and ideas with a
 * date, labels, a campaign, comments), through the real core and its contract as the window
 * calls it:
 * - open: `calendar.range` for the six weeks a month shows, then the renderer's month model
 *   (monthGrid + itemsByDate, what MonthView computes before drawing);
 * - drag: dropping a post on another day (dropInstant, then `post.schedule` for a scheduled
 *   post or `post.setPlanning` for a draft) and reading the month again, as the calendar store
 *   does on `posts.changed` / `calendar.changed`.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/main/core/app';
import type { Core } from '../src/main/core/types';
import { MemoryKeychain } from '../src/main/core/vault/memory-keychain';
import type { CalendarRange } from '../src/shared/calendar/schemas';
import { monthGrid, rangeInstants, viewDates } from '../src/renderer/model/calendar/calendarGrid';
import { itemsByDate } from '../src/renderer/model/calendar/calendarLayout';
import { dropInstant } from '../src/renderer/model/calendar/calendarDrag';
import { percentile, round } from './stats';

const POSTS = Number(process.env.BENCH_MONTH_POSTS ?? 2000);
const OPENS = 30;
const DRAGS = 40;
const ZONE = 'Europe/Paris';
const ANCHOR = '2027-03-15';
const WEEK_START = 1;
const NOW = Date.parse('2027-02-20T08:00:00.000Z');

async function call<T>(core: Core, command: string, input: unknown): Promise<T> {
  const r = await core.handle(command, input);
  if (!r.ok) throw new Error(`${command}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function seed(dir: string, workspaceId: string): { scheduled: string[]; drafts: string[]; first: number } {
  const db = new Database(path.join(dir, 'tribune.sqlite3'));
  try {
    const accounts = [randomUUID(), randomUUID()];
    const slots = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, time: '09:00' })));
    accounts.forEach((id, i) =>
      db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, health, created_at, posting_slots, time_zone, service_url) VALUES (?, ?, ?, ?, ?, 'ok', 1, ?, ?, 'http://127.0.0.1:9')")
        .run(id, workspaceId, i ? 'mastodon' : 'bluesky', i ? 'musee@social.test' : 'musee.test', 'Musée', slots, ZONE),
    );
    const campaign = randomUUID();
    db.prepare("INSERT INTO campaigns (id, workspace_id, name, color, goal, created_at, updated_at) VALUES (?, ?, 'Printemps', '#16a34a', '', 0, 0)").run(campaign, workspaceId);
    const label = randomUUID();
    db.prepare("INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES (?, ?, 'Expo', '#db2777', 0)").run(label, workspaceId);
    const content = JSON.stringify({ targets: accounts.map((accountId) => ({ accountId, variant: null })), media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null });
    const insert = db.prepare(
      'INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, content, planned_at, kind, campaign_id) VALUES (?, ?, ?, 0, 1, 1, ?, ?, ?, ?)',
    );
    const addLabel = db.prepare('INSERT INTO post_labels (draft_id, label_id) VALUES (?, ?)');
    const comment = db.prepare("INSERT INTO post_comments (id, draft_id, author, text, created_at) VALUES (?, ?, 'Camille', 'Relu', 1)");
    // Spread over March 2027 (31 days), from 07:00 to 21:00 Paris time.
    const first = Date.parse('2027-03-01T06:00:00.000Z');
    const step = Math.floor((31 * 86_400_000 - 14 * 3_600_000) / POSTS);
    const scheduled: string[] = [];
    const drafts: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < POSTS; i++) {
        const id = randomUUID();
        const at = first + i * step;
        const isScheduled = i % 2 === 0;
        insert.run(id, workspaceId, `Publication ${i} : vernissage, entrée libre 🎨`, content, isScheduled ? null : at, i % 10 === 1 ? 'idea' : 'post', i % 3 ? campaign : null);
        if (i % 2) addLabel.run(id, label);
        if (i % 7 === 0) comment.run(randomUUID(), id);
        (isScheduled ? scheduled : drafts).push(id);
      }
    })();
    return { scheduled, drafts, first };
  } finally {
    db.close();
  }
}

export async function benchCalendarMonth() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-month-'));
  let now = NOW;
  const clock = { now: () => now };
  let core = await openCore({ dataDir: dir, host: 'web', keychain: new MemoryKeychain(), clock, systemLocale: 'fr_FR.UTF-8' });
  try {
    const ws = await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: ZONE });
    await core.close();
    const seeded = seed(dir, ws.id);
    core = await openCore({ dataDir: dir, host: 'web', keychain: new MemoryKeychain(), clock, systemLocale: 'fr_FR.UTF-8' });
    const step = Math.floor((31 * 86_400_000 - 14 * 3_600_000) / POSTS);
    // Half the posts scheduled through the contract, as the composer does.
    for (const [n, id] of seeded.scheduled.entries()) {
      await call(core, 'post.schedule', { draftId: id, at: new Date(seeded.first + 2 * n * step).toISOString(), timeZone: ZONE });
    }

    const { first, last } = viewDates('month', ANCHOR, WEEK_START);
    const range = rangeInstants(first, last, ZONE);
    const open = async () => {
      const data = await call<CalendarRange>(core, 'calendar.range', { workspaceId: ws.id, ...range });
      const weeks = monthGrid(ANCHOR, WEEK_START);
      const byDate = itemsByDate(data.items, ZONE);
      return { data, cells: weeks.flat().map((date) => byDate.get(date)?.length ?? 0) };
    };
    const first0 = await open();
    if (first0.data.items.length !== POSTS) throw new Error(`the month shows ${first0.data.items.length} posts`);

    const openMs: number[] = [];
    const coreMs: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const t = performance.now();
      const data = await call<CalendarRange>(core, 'calendar.range', { workspaceId: ws.id, ...range });
      coreMs.push(performance.now() - t);
      itemsByDate(data.items, ZONE);
      monthGrid(ANCHOR, WEEK_START);
      openMs.push(performance.now() - t);
    }

    const dragScheduledMs: number[] = [];
    const dragDraftMs: number[] = [];
    const items = first0.data.items;
    for (let i = 0; i < DRAGS; i++) {
      const item = items[(i * 37) % items.length]!;
      const day = String(1 + ((i * 5) % 28)).padStart(2, '0');
      const at = new Date(dropInstant(item.at, { date: `2027-03-${day}`, minutes: null }, ZONE)).toISOString();
      const t = performance.now();
      if (item.status === 'scheduled') await call(core, 'post.schedule', { draftId: item.draftId, at, timeZone: ZONE });
      else await call(core, 'post.setPlanning', { draftId: item.draftId, plannedAt: at });
      await open();
      (item.status === 'scheduled' ? dragScheduledMs : dragDraftMs).push(performance.now() - t);
      now += 1000;
    }
    const stats = (ms: number[]) => ({ p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1) });
    return {
      posts: POSTS,
      shownInMonth: first0.data.items.length,
      ghostSlots: first0.data.ghostSlots.length,
      /** calendar.range for the month's six weeks, through the contract. */
      openCoreMs: stats(coreMs),
      /** The same plus the renderer's month model (weeks, posts per day). */
      openMs: stats(openMs),
      /** A drop: the command, then the month read again and laid out (what the window waits for). */
      dragScheduledMs: stats(dragScheduledMs),
      dragDraftMs: stats(dragDraftMs),
    };
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
