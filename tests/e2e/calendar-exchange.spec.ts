/**
 * The calendar file between two data folders: the plan exported as iCalendar and imported into
 * a teammate's Tribune (another host) shows the same calendar, the import is undone from its
 * toast, a CSV's broken line is named in the preview, and a file that is not a calendar says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectRpc, startHost } from '../helpers/host';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';
import { TribunePage } from './pages/tribune';
import { createWorkspace, dateIn, openCalendar, PARIS, plannedDraft } from './support/calendar';

test.use({ timezoneId: 'America/New_York' });

/** What the list view shows: "time text" per post, in order. */
async function listed(calendar: CalendarPage): Promise<string[]> {
  await calendar.view('Liste');
  const items = calendar.main.locator('.cal-list-item .cal-item');
  return (await items.evaluateAll((nodes) => nodes.map((n) => `${n.querySelector('.cal-item-time')?.textContent} ${n.querySelector('.cal-item-text')?.textContent}`))).sort();
}

test('the plan exported as a calendar file and imported into a second data folder shows the same calendar; the import can be undone', async ({ tribune, host, page }) => {
  test.setTimeout(120_000);
  const rpc = await connectRpc(host.current);
  const workspace = await createWorkspace(rpc, 'Office de Tourisme');
  // The first of next month: the list view of that month holds the plan, whatever today is.
  const month = dateIn(PARIS, 0).slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);
  await plannedDraft(rpc, workspace.id, 'Concours photo : vos plus beaux couchers de soleil 📷', `${next}-03`, '09:30');
  await plannedDraft(rpc, workspace.id, 'Horaires d’hiver ; l’office ferme à 17 h, "merci" \\ à bientôt', `${next}-03`, '14:00');
  await plannedDraft(rpc, workspace.id, 'Nuit des musées\nProgramme complet en ligne', `${next}-12`, '18:15');
  rpc.close();
  const calendar = await openCalendar(tribune, page, 'Office de Tourisme'); // Reads the plan made through the contract.
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
    await createWorkspace(rpc2, 'Office de Tourisme');
    rpc2.close();
    const teammate = new TribunePage(page);
    await teammate.open(other.url);
    const calendar2 = new CalendarPage(page);
    await calendar2.open();
    const importDialog = await calendar2.openImport();
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
    await calendar2.openImport();
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
