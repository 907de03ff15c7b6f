/**
 * The charter's rules editor by keyboard, against the Mastodon stand-in's cached mentions: a
 * rule of a structural kind (all caps) is written, tested on a sample and live on the cache,
 * saved; switched off; changed in place (a bound out of range and an automatic "flag" are
 * refused with their message first); a catastrophic pattern is refused; the rule is deleted
 * after a confirmation. Axe is clean in light and dark with the editor open.
 */
import AxeBuilder from '@axe-core/playwright';
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { showNotifications } from './support/notifications';

const mastodon = useMastodonStandIn();

interface Rule {
  id: string;
  name: string;
  severity: string;
  action: string;
  automatic: boolean;
  enabled: boolean;
  match: Record<string, unknown>;
}

test('a rule of any kind is written, tested, saved, switched off, changed and deleted by keyboard', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Mairie');
  const bob = mastodon.server.act.addAccount('bob', 'Bob');
  mastodon.server.act.post(bob, '@tribune C’EST UN SCANDALE INCROYABLE, RÉPONDEZ ENFIN À MES NOMBREUX MESSAGES DEPUIS TROIS SEMAINES', { mentionsMe: true });
  mastodon.server.act.post(bob, '@tribune merci pour le marché de dimanche', { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);
  const rules = async () => (await rpc.value<{ rules: Rule[] }>('charter.get', { workspaceId: workspace.id })).rules;

  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Boîte de réception' });
  await inbox.getByRole('button', { name: 'Charte' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Charte de modération' });
  await expect(dialog.getByText('Aucune règle pour l’instant')).toBeVisible();
  await dialog.getByRole('button', { name: 'Nouvelle règle' }).focus();
  await page.keyboard.press('Enter');

  // A new rule: the name has the focus; the kind is a native select (arrows and type-ahead work).
  const name = dialog.getByRole('textbox', { name: 'Nom' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Cris');
  await page.keyboard.press('Tab');
  const kind = dialog.getByRole('combobox', { name: 'Type' });
  await expect(kind).toBeFocused();
  await kind.selectOption({ label: 'Tout en majuscules' });
  await expect(dialog.getByRole('spinbutton', { name: 'Lettres au moins' })).toHaveValue('20');
  await dialog.getByRole('textbox', { name: 'Tester sur un exemple' }).focus();
  await page.keyboard.type('ARRÊTEZ CE SCANDALE TOUT DE SUITE');
  const result = dialog.getByTestId('rule-test');
  await expect(result).toContainText('L’exemple est signalé sur « tout en majuscules ».');
  await expect(result).toContainText(/1 élément en cache serait signalé \(sur \d+\)/);
  await expect(result.getByRole('list', { name: 'Éléments en cache que la règle signalerait' })).toContainText('SCANDALE');
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Règle « Cris » enregistrée : les éléments en cache ont été revérifiés.');
  expect((await rules()).map((r) => [r.name, r.match])).toEqual([['Cris', { kind: 'all_caps', minLetters: 20, ratio: 0.9 }]]);
  // The focus goes back to the button that opened the editor.
  await expect(dialog.getByRole('button', { name: 'Nouvelle règle' })).toBeFocused();

  // Off with the switch (Space), without losing it.
  const toggle = dialog.getByRole('switch', { name: 'Règle Cris active' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect(dialog.getByRole('status')).toHaveText('Règle « Cris » désactivée.');
  expect((await rules()).map((r) => r.enabled)).toEqual([false]);

  // Changed in place: what is wrong is said field by field, in the shared rule book's words.
  await dialog.getByRole('button', { name: 'Modifier Cris' }).focus();
  await page.keyboard.press('Enter');
  await expect(name).toHaveValue('Cris');
  const percent = dialog.getByRole('spinbutton', { name: 'Part de majuscules (%)' });
  await percent.fill('40');
  const automatic = dialog.getByRole('checkbox', { name: /Agir sans demander/ });
  await automatic.focus();
  await page.keyboard.press('Space');
  await expect(automatic).toBeChecked();
  await dialog.getByRole('button', { name: 'Enregistrer la règle' }).focus();
  await page.keyboard.press('Enter');
  await expect(percent).toHaveAccessibleDescription('Un nombre entier de 50 à 100.');
  await expect(dialog.getByText('Seules les actions Masquer et Dénoncer peuvent être automatiques.').last()).toBeVisible();
  await percent.fill('80');
  await dialog.getByRole('combobox', { name: 'Action suggérée' }).selectOption({ label: 'Masquer' });
  await dialog.getByRole('combobox', { name: 'Gravité' }).selectOption({ label: 'Grave' });
  await dialog.getByRole('button', { name: 'Enregistrer la règle' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Règle « Cris » enregistrée : les éléments en cache ont été revérifiés.');
  await expect(dialog.getByRole('button', { name: 'Modifier Cris' })).toBeFocused();
  const [changed] = await rules();
  expect(changed).toMatchObject({ name: 'Cris', severity: 'critical', action: 'hide', automatic: true, enabled: false, match: { kind: 'all_caps', minLetters: 20, ratio: 0.8 } });

  // A pattern that could hang is refused before it is saved.
  await dialog.getByRole('button', { name: 'Nouvelle règle' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Risque');
  await kind.selectOption({ label: 'Expression régulière' });
  await dialog.getByRole('textbox', { name: /Motif/ }).fill('(a+)+$');
  await expect(result.getByRole('alert')).toHaveText(/répète une répétition/);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[role="log"][aria-live="assertive"]').analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), colorScheme).toEqual([]);
  }
  await dialog.getByRole('button', { name: 'Ajouter la règle' }).focus();
  await page.keyboard.press('Enter');
  expect((await rules()).map((r) => r.name)).toEqual(['Cris']);
  await dialog.getByRole('button', { name: 'Annuler' }).focus();
  await page.keyboard.press('Enter');

  // Deleted after a confirmation whose first button is Cancel.
  await dialog.getByRole('button', { name: 'Retirer Cris' }).focus();
  await page.keyboard.press('Enter');
  const confirm = dialog.getByRole('group', { name: /Supprimer la règle « Cris »/ });
  await expect(confirm.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Supprimer Cris' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Règle « Cris » supprimée.');
  await expect(dialog.getByText('Aucune règle pour l’instant')).toBeVisible();
  expect(await rules()).toEqual([]);
  await expect(dialog.getByRole('button', { name: 'Nouvelle règle' })).toBeFocused();
});
