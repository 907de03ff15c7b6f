/**
 * Settings > the board's cache: the limits are changed with the keyboard (typing, arrow keys,
 * Enter saves), said saved, and found again after a restart.
 */
import { test, expect } from './fixtures';

test('the board cache limits are saved from Settings and kept after a restart', async ({ tribune, host, page }) => {
  const openSettings = async () => {
    await tribune.rail.getByRole('button', { name: /^Paramètres/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Paramètres' });
    await expect(dialog).toBeVisible();
    return dialog.getByRole('form', { name: 'Cache du tableau' });
  };
  let cache = await openSettings();
  const perColumn = cache.getByLabel('Publications gardées par colonne');
  const images = cache.getByLabel('Place des images (Mo)');
  await expect(perColumn).toHaveValue(/^2\s?000$/u);
  await perColumn.fill('500');
  await images.focus();
  await page.keyboard.press('ArrowUp');
  await expect(images).toHaveValue('310');
  await page.keyboard.press('Enter');
  await expect(cache.getByRole('status')).toHaveText('Limites enregistrées');
  await page.keyboard.press('Escape');

  await tribune.open((await host.restart()).url);
  cache = await openSettings();
  await expect(cache.getByLabel('Publications gardées par colonne')).toHaveValue('500');
  await expect(cache.getByLabel('Place des images (Mo)')).toHaveValue('310');
});
