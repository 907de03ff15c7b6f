/**
 * The editorial calendar end to end: a post scheduled for a Mastodon account (the stand-in,
 * every request checked against Mastodon's OpenAPI description) is moved in the week view with
 * the mouse and with the keyboard, and its scheduled time changes in the core.
 */
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { connectRpc, type RpcClient } from '../helpers/host';
import { startMastodonStandIn, type MastodonStandIn } from '../helpers/mastodon';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

const ZONE = 'Europe/Paris';
let server: MastodonStandIn;

test.use({ timezoneId: 'America/New_York' });

test.beforeAll(async () => {
  server = await startMastodonStandIn({ mediaProcessingPolls: 0 });
});

test.afterAll(async () => {
  await server?.close();
  server?.assertNoViolations();
});

/** The wall-clock date in a zone, `days` from now. */
function dateIn(zone: string, days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

/** A workspace in Paris with a Mastodon account, made through the contract as the UI would. */
async function setUp(rpc: RpcClient) {
  const workspace = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme de Port-Lumière', timeZone: ZONE });
  const begin = await rpc.value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId: workspace.id, instance: server.url });
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

test('a scheduled post is moved in the week view with the mouse, then with the keyboard', async ({ tribune, host, page }) => {
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

  // Keyboard: pick up from the handle, one day later and an hour earlier, drop.
  await calendar.handle(draftId).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const nextDay = dateIn(ZONE, 3);
  await expect.poll(() => scheduledAt(rpc, workspaceId, draftId)).toBe(zonedInstant(nextDay, 13, 0, ZONE));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('13:00');
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
