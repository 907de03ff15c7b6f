/**
 * The response-time screen against the Mastodon stand-in: two mentions that arrived three hours
 * ago are late against the default 2 h target; one is marked done (counted apart, "done without
 * reply"); a 4 h target makes the other "to answer soon", business hours (a minute a day) make it
 * on time; a wrong time is refused with its message; everything is still there after a reload.
 * Keyboard only; axe is clean in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { showNotifications } from './support/notifications';

/** The stand-in's clock runs this far behind while the mentions are written. */
let behind = 0;
const mastodon = useMastodonStandIn({ now: () => Date.now() - behind });

test('the response-time figures and the target that ages the inbox', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Mairie');
  behind = 3 * 60 * 60_000;
  mastodon.server.act.post(mastodon.server.act.addAccount('alice', 'Alice'), '@tribune le marché est ouvert dimanche ?', { mentionsMe: true });
  mastodon.server.act.post(mastodon.server.act.addAccount('bob', 'Bob'), '@tribune merci pour la fête du port', { mentionsMe: true });
  behind = 0;
  await showNotifications(rpc, tribune, workspace.id, account.id);

  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Boîte de réception' });
  const rows = inbox.getByTestId('inbox-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Objectif dépassé' })).toHaveCount(2);
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('e');
  await expect(rows).toHaveCount(1);

  const open = async () => {
    await inbox.getByRole('button', { name: 'Temps de réponse' }).focus();
    await page.keyboard.press('Enter');
    return page.getByRole('dialog', { name: 'Temps de réponse' });
  };
  let dialog = await open();
  const workspaceRow = dialog.getByRole('table', { name: 'Temps de réponse de l’espace et de ses comptes' }).getByRole('row', { name: /Tout l’espace/ });
  await expect(workspaceRow.getByRole('cell')).toHaveText(['—', '—', '0', '1']);
  await expect(dialog.getByRole('table', { name: 'Temps de réponse par jour' }).getByRole('row')).toHaveCount(2);
  await expect(dialog.getByText('à toute heure')).toBeVisible();

  // A 4 h target: the item left (3 h old) is past half of it.
  const hours = dialog.getByRole('spinbutton', { name: 'Heures' });
  await expect(hours).toHaveValue('2');
  await hours.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(hours).toHaveValue('4');
  await dialog.getByRole('button', { name: 'Enregistrer l’objectif' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Objectif enregistré : répondre en moins de 4 h 00. Les couleurs de la boîte de réception suivent.');
  await expect(rows.first()).toContainText('À répondre bientôt');

  // Business hours of one minute a day: the three hours hardly count; a wrong time is refused first.
  await dialog.getByRole('checkbox', { name: 'Compter seulement les heures ouvrées' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'lundi' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'dimanche' })).not.toBeChecked();
  const start = dialog.getByRole('textbox', { name: 'Début (HH:MM)' });
  const end = dialog.getByRole('textbox', { name: 'Fin (HH:MM)' });
  await start.fill('00:00');
  await end.fill('25:00');
  await dialog.getByRole('button', { name: 'Enregistrer l’objectif' }).focus();
  await page.keyboard.press('Enter');
  await expect(end).toHaveAccessibleDescription('Une heure comme 09:00 (24:00 pour la fin de journée).');
  await end.fill('00:01');
  await dialog.getByRole('button', { name: 'Enregistrer l’objectif' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText(/Objectif enregistré/);
  await expect(dialog.getByText('en heures ouvrées seulement')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[role="log"][aria-live="assertive"]').analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), colorScheme).toEqual([]);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rows.first()).toContainText('Dans les temps');

  // Kept: after a reload the inbox and the settings say the same.
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);
  await page.keyboard.press('i');
  await expect(rows.first()).toContainText('Dans les temps');
  dialog = await open();
  await expect(dialog.getByRole('spinbutton', { name: 'Heures' })).toHaveValue('4');
  await expect(dialog.getByRole('checkbox', { name: 'Compter seulement les heures ouvrées' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'dimanche' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'lundi' })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Fin (HH:MM)' })).toHaveValue('00:01');
  expect(await rpc.value('inbox.getSettings', { workspaceId: workspace.id })).toEqual({
    targetMinutes: 240,
    businessHours: { days: [1, 2, 3, 4, 5], start: 0, end: 1 },
    includeFollows: false,
  });
});
