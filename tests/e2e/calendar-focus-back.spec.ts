/**
 * The keyboard comes back to the calendar when the composer closes: on the post just written
 * there, or on the day it was opened from when nothing was kept (it used to fall on the page,
 * where the calendar's keys do nothing).
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

test.use({ timezoneId: 'Europe/Paris' });

test('closing the composer opened from a day gives the focus to the post written there, or back to that day when nothing was written', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  await rpc.value('workspace.create', { name: 'Office de Tourisme', timeZone: 'Europe/Paris' });
  rpc.close();
  await page.reload();
  await expect(tribune.workspaceButton('Office de Tourisme')).toBeVisible();
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.view('Mois');
  await page.keyboard.press('b');
  await page.keyboard.press('c');
  await expect(calendar.main).toBeVisible();
  const day = calendar.main.locator('[data-cell][tabindex="0"]');
  await expect(day).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const date = await calendar.main.locator('[data-cell]:focus').getAttribute('data-cell');

  // Nothing written: back on the day.
  await page.keyboard.press('Enter');
  const composer = page.getByRole('textbox', { name: 'Texte du brouillon' });
  await expect(composer).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(calendar.cell(date!)).toBeFocused();

  // A post written: on its button (that day at 09:00), and the calendar's keys work from there.
  await page.keyboard.press('Enter');
  await expect(composer).toBeFocused();
  await page.keyboard.type('Marché de Noël sur le port');
  await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  const post = calendar.main.locator('.cal-item').filter({ hasText: 'Marché de Noël sur le port' });
  await expect(post).toHaveCount(1);
  expect(await calendar.time(await post.getAttribute('data-draft-id') as string)).toBe('09:00');
  await expect(post.locator('.cal-item-open')).toBeFocused();
  await page.keyboard.press('2');
  await expect(calendar.main.getByRole('radio', { name: 'Semaine' })).toBeChecked();
});
