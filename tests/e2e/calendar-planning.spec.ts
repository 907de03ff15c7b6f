/**
 * Planning on the editorial calendar: a post started from an empty slot of the week (keyboard) is
 * planned there, put in a campaign with a label, submitted, commented and approved; the calendar
 * shows it in the campaign's colour, and the composer and the views pass axe in both themes.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { axeInBothThemes } from './support/axe';
import { addCampaignAndLabel, dateIn, OFFICE, openCalendar, PARIS } from './support/calendar';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';

const mastodon = useMastodonStandIn();

test.use({ timezoneId: 'America/New_York' });

test('a post started on an empty slot is planned there, put in a campaign with a label, reviewed and commented', async ({ tribune, host, page }) => {
  test.setTimeout(240_000); // axe reads the week's 336 slots in two themes.
  const rpc = await connectRpc(host.current);
  const { workspace } = await workspaceWithMastodon(rpc, mastodon.server.url, OFFICE, PARIS);
  await rpc.value('workspace.setApproval', { id: workspace.id, requireApproval: true });
  await rpc.value('settings.update', { profileName: 'Camille' });
  const calendar = await openCalendar(tribune, page);
  // Campaigns and labels.
  await calendar.main.getByRole('button', { name: 'Campagnes et étiquettes…' }).click();
  await addCampaignAndLabel(page, { name: 'Fêtes de fin d’année', aim: 'Remplir le marché de Noël' }, 'Événement');

  // The keyboard starts a post on an empty slot: Enter on the focused cell.
  await calendar.view('Semaine');
  const day = dateIn(PARIS, 1);
  await calendar.showDay(day);
  const cell = calendar.cell(`${day}T11:00`);
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(tribune.composerText).toBeFocused();
  await expect(tribune.composer.getByTestId('planned-at')).toContainText('11:00');
  await tribune.composerText.pressSequentially('Le marché de Noël ouvre demain !', { delay: 5 });
  await tribune.waitSaved();
  const composer = tribune.composer;
  await composer.getByRole('combobox', { name: 'Campagne' }).selectOption({ label: 'Fêtes de fin d’année' });
  await composer.getByRole('group', { name: 'Étiquettes' }).getByRole('button', { name: 'Événement' }).click();
  await expect(composer.getByRole('group', { name: 'Étiquettes' }).getByRole('button', { name: 'Événement' })).toHaveAttribute('aria-pressed', 'true');

  // Approval, then a comment signed by the local profile.
  await expect(composer.getByTestId('review-state')).toHaveText('Brouillon');
  await composer.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(composer.getByTestId('review-state')).toHaveText('À valider');
  await composer.getByText(/0 commentaire/).click();
  await composer.getByRole('textbox', { name: 'Nouveau commentaire' }).fill('Ajouter l’horaire de fermeture ?');
  await composer.getByRole('button', { name: 'Commenter' }).click();
  await expect(composer.getByRole('list', { name: 'Commentaires' })).toContainText('Camille');
  await composer.getByRole('button', { name: 'Valider' }).click();
  await expect(composer.getByTestId('review-state')).toHaveText('Validé');
  await axeInBothThemes(page, 'composer with planning');
  await tribune.closeComposer();

  // On the calendar: at 11:00 that day, approved, in the campaign's colour when coloured by campaign.
  const item = calendar.main.locator('.cal-item').filter({ hasText: 'Le marché de Noël ouvre demain' });
  await expect(item).toHaveAttribute('data-status', 'approved');
  await expect(item.locator('.cal-item-time')).toHaveText('11:00');
  await calendar.main.locator('label').filter({ hasText: /^Campagne$/ }).click();
  await expect(item).toHaveCSS('border-left-color', 'rgb(124, 58, 237)');
  for (const view of ['Mois', 'Semaine', 'Liste'] as const) {
    await calendar.view(view);
    await axeInBothThemes(page, view);
  }
  rpc.close();
});
