import { test, expect } from './fixtures';

const WORKSPACE = 'Office de Tourisme de Port-Lumière';
const TEXT = 'Marché de Noël sur le port samedi dès 10 h 🎄 #PortLumière';

test('a draft written offline-first survives a page reload and a restart of the host', async ({ tribune, host, page }) => {
  await expect(page.getByRole('button', { name: 'Créer mon premier espace de travail' })).toBeVisible();
  // The real Secret Service holds the vault's key: nothing to ask the person.
  await expect(page.getByTestId('vault-banner')).toHaveCount(0);
  await tribune.createWorkspace(WORKSPACE);
  await expect(tribune.draftsColumn).toContainText('Aucun brouillon dans cet espace');

  await tribune.writeDraft(TEXT);
  await expect(tribune.card(TEXT)).toHaveCount(1);
  await tribune.closeComposer();

  await page.reload();
  await expect(tribune.connection).toHaveText('Connecté');
  await expect(tribune.workspaceButton(WORKSPACE)).toHaveAttribute('aria-current', 'true');
  await expect(tribune.card(TEXT)).toHaveCount(1);

  const restarted = await host.restart();
  await tribune.open(restarted.url);
  await expect(tribune.card(TEXT)).toHaveCount(1);
  await tribune.card(TEXT).getByRole('button', { name: /Marché de Noël/ }).click();
  await expect(tribune.composerText).toHaveValue(TEXT);
});

test('drafts can be edited, duplicated, deleted and the deletion undone', async ({ tribune, page }) => {
  await tribune.createWorkspace(WORKSPACE);
  await tribune.writeDraft('Visite guidée du phare');
  await tribune.composerText.press('End');
  await tribune.composerText.pressSequentially(' — complet !');
  await tribune.waitSaved();
  await tribune.closeComposer();
  await expect(tribune.draftCards).toHaveCount(1);
  await expect(tribune.draftCards.first()).toContainText('Visite guidée du phare — complet !');

  await tribune.draftCards.first().getByRole('button', { name: 'Dupliquer' }).click();
  await expect(tribune.draftCards).toHaveCount(2);
  await expect(tribune.card('Visite guidée du phare — complet !')).toHaveCount(2);

  await tribune.draftCards.first().getByRole('button', { name: 'Supprimer' }).click();
  await expect(tribune.draftCards).toHaveCount(1);
  const toast = tribune.toasts.getByTestId('toast').filter({ hasText: 'Brouillon supprimé' });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Annuler' }).click();
  await expect(tribune.draftCards).toHaveCount(2);

  // The same with the keyboard: Delete on a focused card, then Ctrl+Z.
  await tribune.draftCards.first().getByRole('button', { name: /Visite guidée/ }).focus();
  await page.keyboard.press('Delete');
  await expect(tribune.draftCards).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(tribune.draftCards).toHaveCount(2);
});

test('keyboard: n writes, Esc closes, j/k and arrows move, Enter opens', async ({ tribune, page }) => {
  await tribune.createWorkspace(WORKSPACE);
  for (const text of ['Premier brouillon', 'Deuxième brouillon', 'Troisième brouillon']) {
    await tribune.writeDraft(text);
    await tribune.closeComposer();
  }
  // Newest first.
  await expect(tribune.draftCards).toHaveText([/Troisième/, /Deuxième/, /Premier/]);
  const open = (text: RegExp) => tribune.draftsColumn.getByRole('button', { name: text });
  await open(/Troisième/).focus();
  await page.keyboard.press('j');
  await expect(open(/Deuxième/)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(open(/Premier/)).toBeFocused();
  await page.keyboard.press('k');
  await expect(open(/Deuxième/)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tribune.composerText).toHaveValue('Deuxième brouillon');
  await tribune.closeComposer();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
});

test('workspaces are renamed and deleted with a confirmation, taking their drafts along', async ({ tribune }) => {
  await tribune.createWorkspace('Musée des Beaux-Arts');
  await tribune.writeDraft('Nocturne jeudi');
  await tribune.closeComposer();
  await tribune.createWorkspace('Brasserie du Port');
  await expect(tribune.draftCards).toHaveCount(0);
  await tribune.workspaceButton('Musée des Beaux-Arts').click();
  await expect(tribune.card('Nocturne jeudi')).toHaveCount(1);
  await tribune.renameWorkspace('Musée des Beaux-Arts', 'Musée de Port-Lumière');
  await tribune.deleteWorkspace('Musée de Port-Lumière');
  await expect(tribune.workspaceButton('Brasserie du Port')).toBeVisible();
  await expect(tribune.card('Nocturne jeudi')).toHaveCount(0);
});

test('the language follows the system and can be switched, and the choice is kept', async ({ tribune, page }) => {
  await tribune.createWorkspace(WORKSPACE);
  await expect(tribune.draftsColumn).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await tribune.switchLanguage('English');
  await expect(page.getByRole('region', { name: 'Drafts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New draft' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Drafts' })).toBeVisible();
  await tribune.switchLanguage('Français');
  await expect(page.getByRole('region', { name: 'Brouillons' })).toBeVisible();
});
