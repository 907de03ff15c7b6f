/**
 * The import preview reads well at 1280x800: a post's title keeps room (the "Importer « … »"
 * box goes below it), field names never break inside a word, and the date is in the workspace's
 * zone, in words.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { createWorkspace, openCalendar } from './support/calendar';

test.use({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris' });

const EVENT = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Example//Agenda//FR',
  'BEGIN:VEVENT',
  'UID:atelier-1@example.org',
  'DTSTAMP:20261201T100000Z',
  'DTSTART:20261210T150000Z',
  'DTEND:20261210T160000Z',
  'SUMMARY:Atelier couronnes de Noël à la médiathèque avec les enfants du quartier',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

test('an event from another calendar is previewed with its title readable, whole field names and the date in the workspace zone', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  await createWorkspace(rpc);
  rpc.close();
  const dialog = await (await openCalendar(tribune, page)).openImport();
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(EVENT) });
  const item = dialog.locator('.import-item[data-change="new"]');
  await expect(item).toBeVisible();

  // The title is readable, not cut to a few letters by the checkbox beside it.
  const title = item.locator('.import-title');
  await expect(title).toHaveText(/^Atelier couronnes de Noël/);
  expect((await title.boundingBox())!.width).toBeGreaterThan(300);

  // Each field name is on one line (none is a single word broken in two).
  const lines = await item.locator('tbody th').evaluateAll((cells) =>
    cells
      .filter((cell) => !(cell.textContent ?? '').trim().includes(' '))
      .map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { name: cell.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
  );
  expect(lines.length).toBeGreaterThan(3);
  for (const line of lines) expect(line, `${line.name}`).toEqual({ name: line.name, lines: 1 });

  // 15:00 UTC is 16:00 in Paris, in words, not an ISO instant.
  const date = item.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Date' }) });
  await expect(date).toContainText('16:00');
  await expect(date).not.toContainText('T15:00');
});

test('after an import the focus is on "Annuler cet import", a file that changes nothing says so, and an older file of a post changed since keeps ours', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const workspace = await createWorkspace(rpc);
  const dialog = await (await openCalendar(tribune, page)).openImport();
  const file = { name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(EVENT) };
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await expect(dialog.getByText('Ce fichier ne change rien à votre calendrier', { exact: false })).toBeHidden();
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Annuler cet import' })).toBeFocused();

  // The same file again: nothing would change, and the dialog says why "Importer" is off.
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await expect(dialog.getByTestId('import-counts')).toHaveText('1 identique');
  const apply = dialog.getByRole('button', { name: 'Importer', exact: true });
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAccessibleDescription('Ce fichier ne change rien à votre calendrier : il n’y a rien à importer.');

  // The post changes here; the same (now older) file again: ours stays, and the preview says so with our text.
  const staged = (await rpc.value('calendar.importPreview', { workspaceId: workspace.id, fileName: 'agenda.ics', dataBase64: Buffer.from(EVENT).toString('base64') })) as { items: { draftId: string }[] };
  await rpc.value('draft.save', { id: staged.items[0]!.draftId, workspaceId: workspace.id, text: 'Atelier couronnes de Noël : complet, liste d’attente ouverte' });
  rpc.close();
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await expect(dialog.getByTestId('import-counts')).toHaveText('1 identique, où votre version plus récente est gardée');
  const item = dialog.locator('.import-item[data-change="unchanged"]');
  await expect(item.locator('.import-kind')).toHaveText('Votre version gardée');
  await expect(item.locator('.import-title')).toHaveText('Atelier couronnes de Noël : complet, liste d’attente ouverte');
});

test('the focus follows the import: on the preview once the file is read, on the message saying what was undone after "Annuler cet import"', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  await createWorkspace(rpc);
  rpc.close();
  const dialog = await (await openCalendar(tribune, page)).openImport();
  await dialog.getByRole('button', { name: 'Choisir un fichier…' }).focus();

  // The file is read: the focus leaves "Choisir un fichier…" for the preview's heading, which names the counts.
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(EVENT) });
  const heading = dialog.getByRole('heading', { name: 'Aperçu de « agenda.ics »' });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAccessibleDescription('1 nouvelle');

  // Applied, then undone from the keyboard: the dialog says what was undone, and the focus is on that message.
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Annuler cet import' })).toBeFocused();
  await expect(tribune.toasts.getByText(/^Import terminé/)).toBeVisible();
  await page.keyboard.press('Enter');
  const undone = dialog.getByRole('status').filter({ hasText: 'annulé' });
  await expect(undone).toHaveText('Import de « agenda.ics » annulé : 1 publication retirée, 0 remise comme avant l’import.');
  await expect(undone).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Annuler cet import' })).toHaveCount(0);
  await expect(dialog.getByRole('listitem').filter({ hasText: 'agenda.ics' })).toContainText('annulé');
  // The toast that offered to undo it is gone too (its Undo would now fail).
  await expect(tribune.toasts.getByText(/^Import terminé/)).toHaveCount(0);

  // Undoing from the list of previous imports says the same in the dialog (that list's button is gone too).
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(EVENT) });
  await expect(heading).toBeFocused();
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Annuler cet import' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Annuler l’import de « agenda.ics »' }).click();
  await expect(undone).toBeFocused();
  await expect(undone).toHaveText('Import de « agenda.ics » annulé : 1 publication retirée, 0 remise comme avant l’import.');
});
