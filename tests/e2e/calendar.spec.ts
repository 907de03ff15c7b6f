/**
 * The editorial calendar end to end: a post scheduled for a Mastodon account (the stand-in,
 * every request checked against Mastodon's OpenAPI description) is moved in the week view with
 * the mouse and with the keyboard, and its scheduled time changes in the core.
 */
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PostView } from '../../src/shared/publishing';
import { connectRpc, startHost, type RpcClient } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';
import { CalendarPage } from './pages/calendar';
import { TribunePage } from './pages/tribune';

const mastodon = useMastodonStandIn();

const ZONE = 'Europe/Paris';

test.use({ timezoneId: 'America/New_York' });

/** The wall-clock date in a zone, `days` from now. */
function dateIn(zone: string, days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** A workspace in Paris with a Mastodon account, made through the contract as the UI would. */
async function setUp(rpc: RpcClient) {
  const workspace = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme de Port-Lumière', timeZone: ZONE });
  const begin = await rpc.value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId: workspace.id, instance: mastodon.server.url });
  const completing = rpc.value<{ id: string }>('account.completeMastodon', { attemptId: begin.attemptId });
  await fetch(begin.authorizeUrl); // The instance approves at once and sends the browser back to Tribune's listener.
  const account = await completing;
  return { workspaceId: workspace.id, accountId: account.id };
}

async function schedulePost(rpc: RpcClient, workspaceId: string, accountId: string, text: string, date: string, time: string) {
  const id = randomUUID();
  await rpc.value('draft.save', {
    id,
    workspaceId,
    text,
    content: { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: null, visibility: null, threadParts: null, poll: null },
  });
  const [h, m] = time.split(':').map(Number) as [number, number];
  const at = zonedInstant(date, h, m, ZONE);
  await rpc.value('post.schedule', { draftId: id, at, timeZone: ZONE });
  return id;
}

/** The instant at which the clock in `zone` shows date h:m (no DST edge in these tests' hours). */
function zonedInstant(date: string, h: number, m: number, zone: string): string {
  const guess = Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(guess));
  const [sh, sm] = shown.split(':').map(Number) as [number, number];
  const offset = (sh * 60 + sm - (h * 60 + m) + 1440 * 2) % 1440;
  return new Date(guess - (offset > 720 ? offset - 1440 : offset) * 60_000).toISOString();
}

async function scheduledAt(rpc: RpcClient, workspaceId: string, draftId: string): Promise<string | null> {
  const posts = await rpc.value<{ draftId: string; scheduledAt: string | null }[]>('post.list', { workspaceId, column: 'scheduled' });
  return posts.find((p) => p.draftId === draftId)?.scheduledAt ?? null;
}

test('a scheduled post is moved in the week view with the mouse, put back from its toast, then moved with the keyboard', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspaceId, accountId } = await setUp(rpc);
  const day = dateIn(ZONE, 2);
  const draftId = await schedulePost(rpc, workspaceId, accountId, 'Marché de Noël sur le port dès 10 h 🎄', day, '10:00');
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);

  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.view('Semaine');
  await expect(calendar.main.getByTestId('calendar-zone')).toContainText('Europe/Paris');
  await calendar.showItem(draftId);
  expect(await calendar.time(draftId)).toBe('10:00');

  // Mouse: from the post to the 14:00 slot of the same day.
  const target = calendar.cell(`${day}T14:00`);
  await target.scrollIntoViewIfNeeded();
  const from = (await calendar.itemButton(draftId).boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
  await expect.poll(() => scheduledAt(rpc, workspaceId, draftId)).toBe(zonedInstant(day, 14, 0, ZONE));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('14:00');

  // Its toast puts it back where it was.
  await tribune.toasts.getByRole('button', { name: /^Annuler/ }).last().click();
  await expect.poll(() => scheduledAt(rpc, workspaceId, draftId)).toBe(zonedInstant(day, 10, 0, ZONE));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('10:00');

  // Keyboard: pick up from the handle, one day later and an hour earlier, drop.
  await calendar.handle(draftId).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const nextDay = dateIn(ZONE, 3);
  await expect.poll(() => scheduledAt(rpc, workspaceId, draftId)).toBe(zonedInstant(nextDay, 9, 0, ZONE));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('09:00');
  // Screen readers heard where it went.
  await expect(page.getByTestId('calendar-announcer')).toContainText(/déplacée/);
  await page.screenshot({ path: 'test-results/screenshots/calendar-week.png' });
  await calendar.view('Mois');
  await page.screenshot({ path: 'test-results/screenshots/calendar-month.png' });
  await calendar.view('Liste');
  await page.screenshot({ path: 'test-results/screenshots/calendar-list.png' });
  rpc.close();
});

const seriousOrCritical = async (page: import('@playwright/test').Page) =>
  (
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .exclude('[role="log"][aria-live="assertive"]')
      .analyze()
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);

test('a post started on an empty slot is planned there, put in a campaign with a label, reviewed and commented', async ({ tribune, host, page }) => {
  test.setTimeout(240_000); // axe reads the week's 336 slots in two themes.
  const rpc = await connectRpc(host.current);
  const { workspaceId } = await setUp(rpc);
  await rpc.value('workspace.setApproval', { id: workspaceId, requireApproval: true });
  await rpc.value('settings.update', { profileName: 'Camille' });
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);

  const calendar = new CalendarPage(page);
  await calendar.open();
  // Campaigns and labels.
  await calendar.main.getByRole('button', { name: 'Campagnes et étiquettes…' }).click();
  const manage = page.getByRole('dialog', { name: 'Campagnes et étiquettes' });
  await manage.getByRole('textbox', { name: 'Nom de la campagne' }).fill('Fêtes de fin d’année');
  await manage.getByRole('textbox', { name: 'Objectif' }).fill('Remplir le marché de Noël');
  await manage.getByRole('button', { name: 'Ajouter la campagne' }).click();
  await expect(manage.getByRole('list', { name: 'Campagnes' })).toContainText('Fêtes de fin d’année');
  await manage.getByRole('textbox', { name: 'Nom de l’étiquette' }).fill('Événement');
  await manage.getByRole('button', { name: 'Ajouter l’étiquette' }).click();
  await expect(manage.getByRole('list', { name: 'Étiquettes' })).toContainText('Événement');
  await page.keyboard.press('Escape');
  await expect(manage).toBeHidden();

  // The keyboard starts a post on an empty slot: Enter on the focused cell.
  await calendar.view('Semaine');
  const day = dateIn(ZONE, 1);
  await calendar.showDay(day);
  const cell = calendar.cell(`${day}T11:00`);
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(tribune.composerText).toBeFocused();
  await expect(tribune.composer.getByTestId('planned-at')).toContainText('11:00');
  await tribune.composerText.pressSequentially('Le marché de Noël ouvre demain !', { delay: 5 });
  await tribune.waitSaved();
  const composer = tribune.composer;
  await composer.getByRole('combobox', { name: 'Campagne' }).selectOption({ label: 'Fêtes de fin d’année' });
  await composer.getByRole('group', { name: 'Étiquettes' }).getByRole('button', { name: 'Événement' }).click();
  await expect(composer.getByRole('group', { name: 'Étiquettes' }).getByRole('button', { name: 'Événement' })).toHaveAttribute('aria-pressed', 'true');

  // Approval, then a comment signed by the local profile.
  await expect(composer.getByTestId('review-state')).toHaveText('Brouillon');
  await composer.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(composer.getByTestId('review-state')).toHaveText('À valider');
  await composer.getByText(/0 commentaire/).click();
  await composer.getByRole('textbox', { name: 'Nouveau commentaire' }).fill('Ajouter l’horaire de fermeture ?');
  await composer.getByRole('button', { name: 'Commenter' }).click();
  await expect(composer.getByRole('list', { name: 'Commentaires' })).toContainText('Camille');
  await composer.getByRole('button', { name: 'Valider' }).click();
  await expect(composer.getByTestId('review-state')).toHaveText('Validé');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousOrCritical(page), `composer with planning (${colorScheme})`).toEqual([]);
  }
  await tribune.closeComposer();

  // On the calendar: at 11:00 that day, approved, in the campaign's colour when coloured by campaign.
  const item = calendar.main.locator('.cal-item').filter({ hasText: 'Le marché de Noël ouvre demain' });
  await expect(item).toHaveAttribute('data-status', 'approved');
  await expect(item.locator('.cal-item-time')).toHaveText('11:00');
  await calendar.main.locator('label').filter({ hasText: /^Campagne$/ }).click();
  await expect(item).toHaveCSS('border-left-color', 'rgb(124, 58, 237)');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const view of ['Mois', 'Semaine', 'Liste'] as const) {
      await calendar.view(view);
      expect(await seriousOrCritical(page), `${view} (${colorScheme})`).toEqual([]);
    }
  }
  rpc.close();
});

/** A draft planned on a date (no account needed): what the calendar file carries. */
async function plannedDraft(rpc: RpcClient, workspaceId: string, text: string, date: string, time: string) {
  const id = randomUUID();
  await rpc.value('draft.save', { id, workspaceId, text });
  const [h, m] = time.split(':').map(Number) as [number, number];
  await rpc.value('post.setPlanning', { draftId: id, plannedAt: zonedInstant(date, h, m, ZONE) });
  return id;
}

/** What the list view shows: "time text" per post, in order. */
async function listed(calendar: CalendarPage): Promise<string[]> {
  await calendar.view('Liste');
  const items = calendar.main.locator('.cal-list-item .cal-item');
  return (await items.evaluateAll((nodes) => nodes.map((n) => `${n.querySelector('.cal-item-time')?.textContent} ${n.querySelector('.cal-item-text')?.textContent}`))).sort();
}

test('the plan exported as a calendar file and imported into a second data folder shows the same calendar; the import can be undone', async ({ tribune, host, page }) => {
  test.setTimeout(120_000);
  const rpc = await connectRpc(host.current);
  const workspace = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme', timeZone: ZONE });
  // The first of next month: the list view of that month holds the plan, whatever today is.
  const month = dateIn(ZONE, 0).slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);
  await plannedDraft(rpc, workspace.id, 'Concours photo : vos plus beaux couchers de soleil 📷', `${next}-03`, '09:30');
  await plannedDraft(rpc, workspace.id, 'Horaires d’hiver ; l’office ferme à 17 h, "merci" \\ à bientôt', `${next}-03`, '14:00');
  await plannedDraft(rpc, workspace.id, 'Nuit des musées\nProgramme complet en ligne', `${next}-12`, '18:15');
  rpc.close();
  await tribune.open(host.current.url); // Reads the plan made through the contract.
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.view('Liste');
  await calendar.next();
  const before = await listed(calendar);
  expect(before).toHaveLength(3);

  await calendar.main.getByRole('button', { name: 'Exporter le calendrier…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Exporter le calendrier' });
  await expect(exportDialog.getByRole('radio', { name: /^iCalendar/ })).toBeChecked();
  const downloading = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Exporter' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-export-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file, 'utf8')).toContain('BEGIN:VCALENDAR');

  // A teammate's Tribune: another data folder, another host.
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-other-'));
  const other = await startHost({ dataDir: otherDir });
  try {
    const rpc2 = await connectRpc(other);
    await rpc2.value('workspace.create', { name: 'Office de Tourisme', timeZone: ZONE });
    rpc2.close();
    const teammate = new TribunePage(page);
    await teammate.open(other.url);
    const calendar2 = new CalendarPage(page);
    await calendar2.open();
    await calendar2.main.getByRole('button', { name: 'Importer un calendrier…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Importer un calendrier' });
    await importDialog.locator('input[type="file"]').setInputFiles(file);
    await expect(importDialog.getByTestId('import-counts')).toHaveText('3 nouvelles');
    await expect(importDialog.getByRole('list', { name: 'Publications du fichier' }).getByRole('listitem')).toHaveCount(3);
    await importDialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect(importDialog.getByRole('status').filter({ hasText: 'Import terminé' })).toContainText('3 créées');
    await page.keyboard.press('Escape');
    await calendar2.view('Liste');
    await calendar2.next();
    expect(await listed(calendar2)).toEqual(before);

    // Undo from the toast: the calendar is as it was.
    await teammate.toasts.getByRole('button', { name: 'Annuler' }).first().click();
    await expect(calendar2.main.locator('.cal-list-item .cal-item')).toHaveCount(0);

    // A CSV with a broken line: the preview names the line and why.
    const csv = path.join(path.dirname(file), 'plan.csv');
    fs.writeFileSync(csv, `date,time,message\n${next}-20,10:00,Brocante du port\n32/13/2020,10:00,Date impossible\n`);
    await calendar2.main.getByRole('button', { name: 'Importer un calendrier…' }).click();
    await importDialog.locator('input[type="file"]').setInputFiles(csv);
    await expect(importDialog.getByRole('list').filter({ hasText: 'Ligne 3' })).toContainText('Ligne 3 : date illisible');
    await expect(importDialog.getByTestId('import-counts')).toContainText('1 nouvelle');
    // A file that is not a calendar: a clear message.
    const bad = path.join(path.dirname(file), 'notes.ics');
    fs.writeFileSync(bad, 'hello\nworld\n');
    await importDialog.locator('input[type="file"]').setInputFiles(bad);
    await expect(importDialog.getByRole('alert')).toContainText('notes.ics');
  } finally {
    await other.stop();
    fs.rmSync(otherDir, { recursive: true, force: true });
  }
});

test('a post still in review is held at its time and goes once approved', async ({ tribune, host, page }) => {
  test.setTimeout(180_000);
  const rpc = await connectRpc(host.current);
  const { workspaceId, accountId } = await setUp(rpc);
  await rpc.value('workspace.setApproval', { id: workspaceId, requireApproval: true });
  const text = `Ouverture de la patinoire ${randomUUID().slice(0, 8)} ⛸️`;
  const id = randomUUID();
  await rpc.value('draft.save', {
    id,
    workspaceId,
    text,
    content: { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: null, visibility: null, threadParts: null, poll: null },
  });
  await rpc.value('review.submit', { draftId: id });
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000 + 60_000);
  await rpc.value('post.schedule', { draftId: id, at: at.toISOString(), timeZone: ZONE });
  await tribune.open(host.current.url);
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.view('Jour');
  if (!(await calendar.item(id).isVisible())) await calendar.next(); // Just before midnight: tomorrow.
  await expect(calendar.item(id)).toHaveAttribute('data-review', 'in_review');
  await expect(calendar.item(id)).toContainText('À valider');

  // Its time comes: the scheduler holds it for approval, nothing reaches the instance.
  await expect
    .poll(async () => (await rpc.value<{ post: PostView }>('draft.content', { id })).post.targets.map((t) => [t.status, t.heldReason]), { timeout: 150_000 })
    .toEqual([['held', 'awaiting_approval']]);
  expect(mastodon.server.state.statuses.filter((s) => s.text === text)).toHaveLength(0);
  await expect(calendar.item(id)).toHaveAttribute('data-review', 'in_review');
  await expect(calendar.item(id)).not.toHaveAttribute('data-status', 'published');

  // Approved from the composer: it goes now (barely late), and the calendar says so.
  await calendar.itemButton(id).click();
  await tribune.composer.getByRole('button', { name: 'Valider' }).click();
  await expect(tribune.composer.getByTestId('review-state')).toHaveText('Validé');
  await expect.poll(() => mastodon.server.state.statuses.filter((s) => s.text === text).length, { timeout: 30_000 }).toBe(1);
  await tribune.closeComposer();
  await expect(calendar.item(id)).toHaveAttribute('data-status', 'published', { timeout: 15_000 });
  rpc.close();
});
