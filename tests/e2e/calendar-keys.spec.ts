/**
 * The calendar opened from the keyboard answers the keyboard at once: "c" from the board, then
 * "1" shows the month, PageDown the next month, and the arrows move the cell the cursor is on
 * (the focus is on the calendar, not left on nothing).
 */
import { test, expect } from './fixtures';
import { CalendarPage } from './pages/calendar';

test.use({ timezoneId: 'Europe/Paris' });

test('after "c" the calendar keys work without a click: 1 shows the month, PageDown the next, arrows move the cursor', async ({ tribune, page }) => {
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  const calendar = new CalendarPage(page);
  // Focus on nothing, as after a click on the page's background.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('c');
  await expect(calendar.main).toBeVisible();
  await expect(page.locator(':focus')).toHaveAttribute('data-cell', /.+/);

  await page.keyboard.press('1');
  await expect(calendar.main.getByRole('radio', { name: 'Mois' })).toBeChecked();
  const title = await calendar.main.locator('.cal-title').textContent();
  await page.keyboard.press('PageDown');
  await expect(calendar.main.locator('.cal-title')).not.toHaveText(title ?? '');

  const cell = await page.locator(':focus').getAttribute('data-cell');
  expect(cell).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('data-cell', /^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator(':focus')).not.toHaveAttribute('data-cell', cell!);
});
