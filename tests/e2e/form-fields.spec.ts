/**
 * The renderer's form fields (components/Field.tsx) as assistive technology reads them: each
 * control named by its label, described by its hint, and, when refused, marked invalid and
 * described by the reason, read out once.
 */
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('the posting slots, a new column and the composer options: labels, hints, and a refused time said on its field', async ({ tribune, page }) => {
  await tribune.createWorkspace('Brasserie du Port');
  await tribune.connectMastodon(mastodon.server.url);
  await expect(tribune.rail).toContainText('tribune@');

  await tribune.rail.getByRole('button', { name: /Actions pour @tribune@/ }).click();
  await page.getByRole('menuitem', { name: 'Créneaux de publication…' }).click();
  const dialog = page.getByRole('dialog', { name: /Créneaux de publication de @tribune@/ });
  await expect(dialog.getByRole('combobox', { name: 'Fuseau horaire' })).toHaveAccessibleDescription(/^Les heures ci-dessous sont celles de /);

  await dialog.getByRole('button', { name: 'Rétablir les créneaux par défaut' }).click();
  const time = dialog.getByLabel('Nouvel horaire');
  await time.fill('12:00');
  await expect(time).not.toHaveAttribute('aria-invalid');
  await dialog.getByRole('button', { name: "Ajouter l'horaire" }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Cet horaire existe déjà.');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await expect(time).toHaveAccessibleDescription('Cet horaire existe déjà.');
  // Changed: the reason goes, and the field is valid again.
  await time.fill('14:00');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(time).not.toHaveAttribute('aria-invalid');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();

  // Adding a monitoring column: its words field says how to exclude one.
  await tribune.board.getByRole('button', { name: 'Ajouter une colonne' }).click();
  const add = page.getByRole('dialog', { name: 'Ajouter une colonne' });
  await add.getByRole('radio', { name: 'Veille', exact: true }).check({ force: true });
  await expect(add.getByRole('textbox', { name: 'Mots, « expression exacte » ou #hashtag' })).toHaveAccessibleDescription("Un moins devant un mot l'exclut (-spam).");
  await expect(add.getByRole('combobox', { name: 'Compte' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  await tribune.writeDraft('Quelle bière pour la fête du port ?');
  await expect(tribune.composer.getByRole('textbox', { name: 'Avertissement de contenu' })).toHaveAccessibleDescription(
    'Mastodon seulement : la publication est repliée derrière cet avertissement.',
  );
  await expect(tribune.composer.getByRole('combobox', { name: 'Langue de la publication' })).not.toHaveAttribute('aria-describedby');
});
