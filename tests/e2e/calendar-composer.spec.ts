/**
 * A campaign and a label thought of while writing are made from the composer: its editorial
 * calendar part opens "Campagnes et étiquettes", and once made they are offered in the composer
 * at once, the draft still open.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { addCampaignAndLabel, createWorkspace, showWorkspace } from './support/calendar';

test('a campaign and a label made from the composer are offered in it at once', async ({ tribune, page }) => {
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.writeDraft('Le marché de Noël ouvre vendredi sur le port');
  const composer = tribune.composer;
  await expect(composer.getByRole('combobox', { name: 'Campagne' })).toBeEnabled();

  await composer.getByRole('button', { name: 'Campagnes et étiquettes…' }).click();
  await addCampaignAndLabel(page, { name: 'Fêtes de fin d’année' }, 'Événement');

  // The composer is still there, with the new campaign and label to choose.
  await expect(composer).toBeVisible();
  await composer.getByRole('combobox', { name: 'Campagne' }).selectOption({ label: 'Fêtes de fin d’année' });
  const label = composer.getByRole('group', { name: 'Étiquettes' }).getByRole('button', { name: 'Événement' });
  await label.click();
  await expect(label).toHaveAttribute('aria-pressed', 'true');
  await expect(composer.getByRole('combobox', { name: 'Campagne' })).toHaveValue(/.+/);
});

test('review and comments keep the focus: each step lands on the next one, a comment sent leaves the field ready', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const workspace = await createWorkspace(rpc);
  await rpc.value('workspace.setApproval', { id: workspace.id, requireApproval: true });
  rpc.close();
  await showWorkspace(tribune, page);
  await tribune.writeDraft('Le marché de Noël ouvre vendredi sur le port');
  const composer = tribune.composer;
  const review = composer.getByRole('group', { name: 'Validation' });

  await review.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(composer.getByTestId('review-state')).toHaveText('À valider');
  await expect(review.getByRole('button', { name: 'Valider' })).toBeFocused();
  // From there on, the keyboard alone: Tab to "Renvoyer", Enter.
  await page.keyboard.press('Tab');
  await expect(review.getByRole('button', { name: 'Renvoyer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(composer.getByTestId('review-state')).toHaveText('Brouillon');
  await expect(review.getByRole('button', { name: 'Soumettre pour validation' })).toBeFocused();

  await composer.getByText(/0 commentaire/).click();
  const field = composer.getByRole('textbox', { name: 'Nouveau commentaire' });
  await field.fill('Ajouter l’horaire de fermeture ?');
  await composer.getByRole('button', { name: 'Commenter' }).click();
  await expect(composer.getByRole('list', { name: 'Commentaires' })).toContainText('Ajouter l’horaire de fermeture ?');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
});
