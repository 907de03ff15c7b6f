/**
 * The keyboard comes back to the calendar when the composer closes: on the post just written
 * there, or on the day it was opened from when nothing was kept (it used to fall on the page,
 * where the calendar's keys do nothing).
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

test.use({ timezoneId: 'Europe/Paris' });

test('"c" on the calendar puts the keyboard on its day; closing the composer opened from a day gives the focus to the post written there, or back to that day when nothing was written', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  await rpc.value('workspace.create', { name: 'Office de Tourisme', timeZone: 'Europe/Paris' });
  rpc.close();
  await page.reload();
  await expect(tribune.workspaceButton('Office de Tourisme')).toBeVisible();
  const calendar = new CalendarPage(page);
  await calendar.open();
  // The view just chosen with the mouse keeps the focus; "c" puts it on the cursor's day.
  await calendar.view('Mois');
  await expect(calendar.main.getByRole('radio', { name: 'Mois' })).toBeFocused();
  await page.keyboard.press('c');
  // The cursor's day (the one cell in the tab order) has the focus; the arrow moves both.
  const day = calendar.main.locator('[data-cell][tabindex="0"]');
  await expect(day).toBeFocused();
  const start = await day.getAttribute('data-cell');
  await page.keyboard.press('ArrowRight');
  await expect(day).not.toHaveAttribute('data-cell', start!);
  await expect(day).toBeFocused();
  const date = await day.getAttribute('data-cell');

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

test('a post moved with the keyboard keeps the focus on its handle in its new slot, so it can be moved again at once', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const workspace = (await rpc.value('workspace.create', { name: 'Office de Tourisme', timeZone: 'Europe/Paris' })) as { id: string };
  // Wednesday of next week at 09:00 in Paris (its instant: 09:00 minus Paris's offset that day).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const monday = new Date(`${today}T12:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) + 7);
  const wednesday = new Date(monday.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const id = 'b7c3f9a0-1111-4a2b-9c3d-0000000000aa';
  await rpc.value('draft.save', { id, workspaceId: workspace.id, text: 'Visite guidée du phare' });
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }).format(new Date(`${wednesday}T12:00:00Z`)).endsWith('+2') ? 2 : 1;
  await rpc.value('post.setPlanning', { draftId: id, plannedAt: new Date(Date.parse(`${wednesday}T09:00:00Z`) - offset * 3_600_000).toISOString() });
  rpc.close();
  await page.reload();
  await expect(tribune.workspaceButton('Office de Tourisme')).toBeVisible();
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.view('Semaine');
  await calendar.showItem(id);
  await expect(calendar.item(id).locator('.cal-item-time')).toHaveText('09:00');

  await calendar.handle(id).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(calendar.item(id).locator('.cal-item-time')).toHaveText('09:30');
  await expect(calendar.handle(id)).toBeFocused();

  // Moved again at once, without looking for it.
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(calendar.item(id).locator('.cal-item-time')).toHaveText('10:00');
  await expect(calendar.handle(id)).toBeFocused();
});
