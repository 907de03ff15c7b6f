/**
 * Rough edges of the composer and its dialogs, on the screen: each was met in a trial as a
 * community manager would use Tribune.
 */
import { test, expect } from './fixtures';

test('a post too heavy in bytes says bytes, not characters', async ({ tribune }) => {
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.writeDraft('Bonjour');
  await tribune.composer.getByRole('switch', { name: /Fil de publications/ }).click();
  const part = tribune.composer.getByRole('textbox', { name: 'Partie 1 sur 1' });
  // 150 family emoji: 150 characters of Bluesky's 300, but 25 bytes each (3,750 of 3,000).
  await part.fill('👨‍👩‍👧‍👦'.repeat(150));
  const counter = tribune.composer.locator('.thread-part').first().locator('.counter');
  await expect(counter.getByTestId('counter')).toHaveText('3750/3000 octets');
  await expect(counter).toHaveClass(/counter-over/);
  await expect(counter.locator('.sr-only')).toHaveText('Partie 1 sur 1 : 3750 octets sur 3000, limite dépassée');
  await expect(counter).not.toContainText('caractères');
  // Within both limits again: characters, as before.
  await part.fill('Bonjour le port');
  await expect(counter.getByTestId('counter')).toHaveText('15/300');
});
