/**
 * The shared calendar as a community manager sets it up, against Debian's Radicale on
 * 127.0.0.1: a wrong password gets a clear message, the right one is kept (in the vault, never
 * shown again), "Synchroniser maintenant" publishes the plan, a teammate's change on the server
 * comes back into the calendar, and a post changed on both sides is settled in the dialog's
 * three-way view. Keyboard only.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchCalendarObjects, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import { connectRpc } from '../helpers/host';
import { startRadicale, type Radicale } from '../helpers/calendar/radicale';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

test.use({ timezoneId: 'Europe/Paris' });

let server: Radicale;
let storage: string;
test.beforeAll(async () => {
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-radicale-'));
  server = await startRadicale({ camille: 'camille-secret' }, storage);
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(storage, { recursive: true, force: true });
});

/** The teammate's calendar program editing the same collection. */
async function teammateEdits(collection: string, match: string, text: string): Promise<void> {
  const headers = getBasicAuthHeaders({ username: 'camille', password: 'camille-secret' });
  const object = (await fetchCalendarObjects({ calendar: { url: collection }, headers })).find((o) => String(o.data).includes(match));
  expect(object, match).toBeDefined();
  // Escaped as RFC 5545 says, as calendar programs write it (Radicale keeps an unescaped comma's event unchanged).
  const escaped = text.replace(/[\\;,]/g, (c) => `\\${c}`);
  const data = String(object!.data).replace(/DESCRIPTION:[^\r\n]*(\r\n [^\r\n]*)*/, () => `DESCRIPTION:${escaped}`);
  expect((await updateCalendarObject({ calendarObject: { ...object!, data }, headers })).status).toBeLessThan(300);
}

test('a shared calendar on a CalDAV server is set up, synchronised both ways and a conflict settled, with the keyboard', async ({ tribune, host, page }) => {
  test.setTimeout(180_000);
  const collection = await server.makeCalendar('camille', 'camille-secret', 'plan-musee');
  const rpc = await connectRpc(host.current);
  const workspace = await rpc.value<{ id: string }>('workspace.create', { name: 'Musée des Phares', timeZone: 'Europe/Paris' });
  const now = new Date();
  const posts = { expo: randomUUID(), concert: randomUUID() };
  const day = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, n, 9, 0)).toISOString();
  await rpc.value('draft.save', { id: posts.expo, workspaceId: workspace.id, text: 'Expo « Lumières du large »' });
  await rpc.value('post.setPlanning', { draftId: posts.expo, plannedAt: day(5) });
  await rpc.value('draft.save', { id: posts.concert, workspaceId: workspace.id, text: 'Concert au pied du phare' });
  await rpc.value('post.setPlanning', { draftId: posts.concert, plannedAt: day(12) });
  const text = async (id: string) => (await rpc.value<{ text: string }>('draft.get', { id })).text;

  await page.reload();
  await expect(tribune.workspaceButton('Musée des Phares')).toBeVisible();
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.main.getByRole('button', { name: 'Calendrier partagé (CalDAV)…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Calendrier partagé (CalDAV)' });
  await expect(dialog).toBeVisible();

  // A wrong password: said in words, nothing kept.
  await dialog.getByLabel('Adresse de la collection').fill(collection);
  await dialog.getByLabel('Utilisateur').fill('camille');
  await dialog.getByLabel('Mot de passe').fill('mauvais');
  await dialog.getByLabel('Mot de passe').press('Enter');
  await expect(dialog.getByRole('alert')).toContainText(/Le serveur de calendrier a refusé l.identifiant ou le mot de passe/);
  await expect(dialog.getByTestId('caldav-status')).toBeHidden();

  // The right one: kept in the vault, the field emptied and never filled with it again.
  await dialog.getByLabel('Mot de passe').fill('camille-secret');
  await dialog.getByLabel('Mot de passe').press('Enter');
  const status = dialog.getByTestId('caldav-status');
  await expect(status).toContainText('2 changements en attente');
  await expect(dialog.getByLabel('Mot de passe')).toHaveValue('');
  await expect(dialog.getByLabel('Mot de passe')).toHaveAttribute('placeholder', '(gardé dans le coffre)');

  // Published.
  await status.getByRole('button', { name: 'Synchroniser maintenant' }).press('Enter');
  await expect(status.getByRole('status')).toHaveText('Synchronisé. Publications envoyées : 2 ; reçues : 0.');
  await expect(status).toContainText('0 changement en attente');

  // The teammate changes the expo on the server: it comes back here.
  await teammateEdits(collection, 'Lumières du large', 'Expo « Lumières du large » prolongée');
  await status.getByRole('button', { name: 'Synchroniser maintenant' }).press('Enter');
  // The whole sync is over once it says so (it reads the server again at its end).
  await expect(status.getByRole('status')).toHaveText('Synchronisé. Publications envoyées : 0 ; reçues : 1.');
  expect(await text(posts.expo)).toBe('Expo « Lumières du large » prolongée');

  // Both sides change the concert: the dialog shows the three-way view; theirs is kept by choice.
  await rpc.value('draft.save', { id: posts.concert, workspaceId: workspace.id, text: 'Concert au pied du phare, 20 h' });
  await teammateEdits(collection, 'Concert au pied du phare', 'Concert au pied du phare, 21 h');
  await status.getByRole('button', { name: 'Synchroniser maintenant' }).press('Enter');
  const conflicts = dialog.getByRole('region', { name: 'Conflits à résoudre' });
  await expect(conflicts).toBeVisible();
  const row = conflicts.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Texte', exact: true }) });
  await expect(row.locator('.diff-mine')).toHaveText('Concert au pied du phare, 20 h');
  await expect(row.locator('.diff-theirs')).toHaveText('Concert au pied du phare, 21 h');
  const pick = conflicts.getByRole('radiogroup', { name: 'Version gardée pour « Texte »' });
  await pick.getByRole('radio', { name: 'Ma version' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(pick.getByRole('radio', { name: 'Leur version' })).toBeChecked();
  await conflicts.getByRole('button', { name: 'Appliquer mes choix et synchroniser' }).press('Enter');
  await expect(conflicts).toBeHidden();
  await expect.poll(() => text(posts.concert)).toBe('Concert au pied du phare, 21 h');
  await expect(status.getByRole('status')).toContainText('Synchronisé.');
  rpc.close();
});
