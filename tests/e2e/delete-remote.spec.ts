/**
 * "Delete from the network" on a sent post, with the keyboard, against the Mastodon stand-in:
 * a confirmation dialog, the network's refusal shown in it, then the deletion and the Sent
 * card saying so.
 */
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('a sent post is deleted from its network after a confirmation, and a refusal is explained', async ({ tribune, page }) => {
  await tribune.createWorkspace('Cinéma du Port');
  await tribune.connectMastodon(mastodon.server.url);

  await tribune.writeDraft('Séance en plein air vendredi');
  await expect(tribune.targetChip(/@tribune@/)).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  const sent = page.getByRole('region', { name: 'Publiés / Échecs' });
  await expect(sent.getByRole('link', { name: /Voir la publication de @tribune@/ })).toBeVisible({ timeout: 30_000 });

  // With the keyboard: the action, then the dialog, Cancel first.
  const action = sent.getByRole('button', { name: /Supprimer la publication de @tribune@.* sur Mastodon/ });
  await action.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Supprimer de Mastodon ?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Il s\'agit d\'une seule publication.');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(mastodon.server.requestsFor('DELETE /api/v1/statuses/{id}')).toHaveLength(0);

  // The network refuses: its words, in the dialog, which stays open.
  mastodon.server.injectFault('DELETE /api/v1/statuses/{id}', { kind: 'refuse', status: 403, body: { error: 'Ce message est épinglé par la modération' } });
  await action.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Supprimer de Mastodon' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('La suppression n\'a pas eu lieu : Le réseau a refusé : « Ce message est épinglé par la modération »');

  // Asked again: deleted, and the card says so.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(sent.getByText('Supprimé du réseau')).toBeVisible();
  await expect(sent.getByRole('link', { name: /Voir la publication/ })).toHaveCount(0);
  await expect(action).toHaveCount(0);
  expect(mastodon.server.state.statuses.find((s) => s.text === 'Séance en plein air vendredi')?.deletedAt).not.toBeNull();
});
