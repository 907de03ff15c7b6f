/**
 * A teammate's file that changed a post we changed too since our last exchange: the import
 * preview shows it as a conflict with the three-way view (last exchange, mine, theirs), the
 * person picks a side with the keyboard, the import writes it, and undoing it puts ours back.
 * The exchange dialogs (import preview with a conflict, export, CalDAV) pass axe in light and dark.
 * The version an import replaced is found in the post's "versions remplacées" and taken back.
 */
import { randomUUID } from 'node:crypto';
import { connectRpc, type RpcClient } from '../helpers/host';
import { test, expect } from './fixtures';
import { axeInBothThemes } from './support/axe';
import { createWorkspace, openCalendar } from './support/calendar';

test.use({ timezoneId: 'Europe/Paris' });

/**
 * "Marché de Noël samedi" planned on the 10th of next month at 10:00 in Paris (09:00 UTC in
 * winter, 08:00 in summer: either is the 10th), then exported: that export is the last exchange (the base).
 */
async function plannedAndExported(rpc: RpcClient) {
  const workspace = await createWorkspace(rpc);
  const id = randomUUID();
  const now = new Date();
  const plannedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 10, 9, 0)).toISOString();
  await rpc.value('draft.save', { id, workspaceId: workspace.id, text: 'Marché de Noël samedi' });
  await rpc.value('post.setPlanning', { draftId: id, plannedAt });
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const to = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), 1)).toISOString();
  const exported = Buffer.from((await rpc.value<{ dataBase64: string }>('calendar.export', { workspaceId: workspace.id, from, to, format: 'ics' })).dataBase64, 'base64').toString('utf8');
  const text = async () => (await rpc.value<{ text: string }>('draft.get', { id })).text;
  return { workspace, id, exported, text };
}


test('a post changed on both sides is settled field by field in the three-way view, with the keyboard, and the import undone', async ({ tribune, host, page }) => {
  test.setTimeout(180_000);
  const rpc = await connectRpc(host.current);
  const { workspace, id, exported, text } = await plannedAndExported(rpc);
  expect(exported).toContain('SUMMARY:Marché de Noël samedi');
  // Since then we changed the text here, and the teammate changed it there (a newer SEQUENCE).
  await rpc.value('draft.save', { id, workspaceId: workspace.id, text: 'Marché de Noël samedi, vin chaud offert' });
  const theirs = exported.replaceAll('Marché de Noël samedi', 'Marché de Noël dimanche').replace(/^SEQUENCE:0\r$/m, 'SEQUENCE:1\r');
  expect(theirs).toContain('SEQUENCE:1');

  const calendar = await openCalendar(tribune, page);
  const dialog = await calendar.openImport();
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'plan-camille.ics', mimeType: 'text/calendar', buffer: Buffer.from(theirs) });

  const item = dialog.locator('.import-item[data-change="conflict"]');
  await expect(item).toBeVisible();
  const row = item.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Texte', exact: true }) });
  await expect(row.locator('.diff-base')).toHaveText('Marché de Noël samedi');
  await expect(row.locator('.diff-mine')).toHaveText('Marché de Noël samedi, vin chaud offert');
  await expect(row.locator('.diff-theirs')).toHaveText('Marché de Noël dimanche');
  await axeInBothThemes(page, 'import preview with a conflict');

  // Nothing is taken from their side unless asked: "Ma version" is chosen first.
  const pick = item.getByRole('radiogroup', { name: 'Version gardée pour « Texte »' });
  await expect(pick.getByRole('radio', { name: 'Ma version' })).toBeChecked();
  await pick.getByRole('radio', { name: 'Ma version' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(pick.getByRole('radio', { name: 'Leur version' })).toBeChecked();

  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Import terminé' })).toBeVisible();
  await expect.poll(text).toBe('Marché de Noël dimanche');

  // Undone as a whole: our version is back.
  await dialog.getByRole('button', { name: 'Annuler cet import' }).press('Enter');
  await expect.poll(text).toBe('Marché de Noël samedi, vin chaud offert');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The other exchange dialogs.
  await calendar.main.getByRole('button', { name: 'Exporter le calendrier…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Exporter le calendrier' });
  await expect(exportDialog).toBeVisible();
  await axeInBothThemes(page, 'export dialog');
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  await calendar.main.getByRole('button', { name: 'Calendrier partagé (CalDAV)…' }).click();
  const caldav = page.getByRole('dialog', { name: 'Calendrier partagé (CalDAV)' });
  await expect(caldav).toBeVisible();
  await axeInBothThemes(page, 'CalDAV dialog');
  rpc.close();
});

test('the version an import replaced is listed in the composer and its text taken back, then that undone with Ctrl+Z', async ({ tribune, host, page }) => {
  test.setTimeout(120_000);
  const rpc = await connectRpc(host.current);
  await rpc.value('settings.update', { profileName: 'Camille' });
  const { id, exported, text } = await plannedAndExported(rpc);
  // A teammate's newer file changed only the text: the import takes it, ours is replaced.
  const theirs = exported.replaceAll('Marché de Noël samedi', 'Marché de Noël dimanche').replace(/^SEQUENCE:0\r$/m, 'SEQUENCE:1\r');

  const calendar = await openCalendar(tribune, page);
  const dialog = await calendar.openImport();
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'plan-camille.ics', mimeType: 'text/calendar', buffer: Buffer.from(theirs) });
  await expect(dialog.locator('.import-item[data-change="changed"]')).toBeVisible();
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Import terminé' })).toBeVisible();
  await expect.poll(text).toBe('Marché de Noël dimanche');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await calendar.showItem(id);
  await calendar.itemButton(id).focus();
  await page.keyboard.press('Enter');
  await expect(tribune.composerText).toHaveValue('Marché de Noël dimanche');
  const versions = tribune.composer.locator('details.post-versions');
  await versions.locator('summary').filter({ hasText: '1 version remplacée' }).focus();
  await page.keyboard.press('Enter');
  const version = versions.getByRole('list', { name: 'Versions remplacées' }).getByRole('listitem');
  await expect(version).toContainText('Remplacée par un import');
  await expect(version).toContainText('Camille');
  await expect(version).toContainText('Marché de Noël samedi');
  await axeInBothThemes(page, 'composer with its replaced versions');

  await version.getByRole('button', { name: 'Reprendre ce texte' }).press('Enter');
  await expect(tribune.composerText).toHaveValue('Marché de Noël samedi');
  await expect.poll(text).toBe('Marché de Noël samedi');
  await expect(version.getByRole('button', { name: 'Reprendre ce texte' })).toBeDisabled();
  // Taken back by mistake: Ctrl+Z while the toast shows gives the imported text back.
  await expect(tribune.toasts.getByText('Le texte de cette version est repris dans la publication.')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(tribune.composerText).toHaveValue('Marché de Noël dimanche');
  await expect.poll(text).toBe('Marché de Noël dimanche');
  rpc.close();
});
