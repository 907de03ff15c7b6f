/**
 * Exporting "the plan": the export opens on this month and the next two (or on what the
 * calendar shows once it was moved away from today), each choice says its dates in words, and
 * the file holds the posts of the chosen dates only.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { connectRpc, type RpcClient } from '../helpers/host';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

const ZONE = 'Europe/Paris';
test.use({ timezoneId: ZONE });

const pad = (n: number) => String(n).padStart(2, '0');
/** "YYYY-MM" of the month `months` after the current one in Paris. */
function monthFrom(months: number): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
const lastDay = (month: string) => `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate())}`;
const monthInWords = (month: string) => new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

/** A draft planned at noon UTC on a date (13:00 or 14:00 in Paris: the same date). */
async function planned(rpc: RpcClient, workspaceId: string, text: string, date: string) {
  const id = randomUUID();
  await rpc.value('draft.save', { id, workspaceId, text });
  await rpc.value('post.setPlanning', { draftId: id, plannedAt: `${date}T12:00:00.000Z` });
}

/** Exports with the dialog's current choice; the posts (VEVENTs) in the file and its name. */
async function exported(page: Page): Promise<{ events: string[]; fileName: string }> {
  const dialog = page.getByRole('dialog', { name: 'Exporter le calendrier' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r\n[ \t]/g, '');
  const events = [...text.matchAll(/^SUMMARY:(.*)$/gm)].map((m) => m[1]!.trim()).sort();
  await expect(dialog).toBeHidden();
  return { events, fileName: download.suggestedFilename() };
}

test('the export opens on this month and the next two, offers this month, what the calendar shows, everything planned and other dates, each in words, and exports those dates only', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const workspace = (await rpc.value('workspace.create', { name: 'Office de Tourisme', timeZone: ZONE })) as { id: string };
  const [previous, current, third, later] = [monthFrom(-1), monthFrom(0), monthFrom(2), monthFrom(5)];
  await planned(rpc, workspace.id, 'Bilan de la saison', `${previous}-15`);
  await planned(rpc, workspace.id, 'Marché de fin de mois', lastDay(current));
  await planned(rpc, workspace.id, 'Carnaval', `${third}-15`);
  await planned(rpc, workspace.id, 'Fête de la musique', `${later}-10`);
  rpc.close();
  await page.reload();
  await expect(tribune.workspaceButton('Office de Tourisme')).toBeVisible();
  const calendar = new CalendarPage(page);
  await calendar.open();
  const exportButton = calendar.main.getByRole('button', { name: 'Exporter le calendrier…' });
  const dialog = page.getByRole('dialog', { name: 'Exporter le calendrier' });

  // By default: from the 1st of this month to the end of the third one, said in words.
  await exportButton.click();
  const quarter = dialog.getByRole('radio', { name: /^Ce mois-ci et les deux suivants/ });
  await expect(quarter).toBeChecked();
  await expect(dialog.locator('label').filter({ hasText: /^Ce mois-ci et les deux suivants/ })).toContainText(`1 ${monthInWords(current).split(' ')[0]}`);
  await expect(dialog.locator('label').filter({ hasText: /^Ce mois-ci et les deux suivants/ })).toContainText(`${Number(lastDay(third).slice(8))} ${monthInWords(third)}`);
  let file = await exported(page);
  expect(file.events).toEqual(['Carnaval', 'Marché de fin de mois']);
  expect(file.fileName).toContain(`${current}-01`);

  // This month, chosen from the keyboard (arrows in the group).
  await exportButton.click();
  await quarter.focus();
  await page.keyboard.press('ArrowDown');
  const month = dialog.getByRole('radio', { name: /^Ce mois-ci(?! et)/ });
  await expect(month).toBeChecked();
  await expect(dialog.locator('label').filter({ hasText: /^Ce mois-ci(?! et)/ })).toContainText(monthInWords(current));
  file = await exported(page);
  expect(file.events).toEqual(['Marché de fin de mois']);

  // Everything planned from today: past posts stay out, the far ones come in.
  await exportButton.click();
  await dialog.locator('label').filter({ hasText: 'Tout ce qui est prévu' }).click();
  await expect(dialog.getByText('À partir d’aujourd’hui', { exact: false })).toBeVisible();
  file = await exported(page);
  expect(file.events).toEqual(['Carnaval', 'Fête de la musique', 'Marché de fin de mois']);

  // Other dates start from the chosen ones and say them in words; here last month.
  await exportButton.click();
  await dialog.locator('label').filter({ hasText: 'Autres dates' }).click();
  const from = dialog.getByLabel('Du', { exact: true });
  await expect(from).toHaveValue(`${current}-01`);
  await from.fill(`${previous}-01`);
  await dialog.getByLabel('Au', { exact: true }).fill(lastDay(previous));
  await expect(dialog.getByTestId('export-dates')).toContainText(monthInWords(previous));
  file = await exported(page);
  expect(file.events).toEqual(['Bilan de la saison']);

  // The calendar moved to another month: the export opens on what it shows.
  await calendar.view('Mois');
  await calendar.next();
  await calendar.next();
  await exportButton.click();
  const shown = dialog.getByRole('radio', { name: /^Ce qu’affiche le calendrier/ });
  await expect(shown).toBeChecked();
  await expect(dialog.locator('label').filter({ hasText: /^Ce qu’affiche le calendrier/ })).toContainText(monthInWords(third));
  file = await exported(page);
  expect(file.events).toEqual(['Carnaval']);
});
