/**
 * Saved replies from the composer, by keyboard only, against the Mastodon stand-in: answering a
 * mention from the inbox, Ctrl+Shift+S opens the picker, a search and Enter insert the reply at
 * the cursor with {name} filled from the post answered; a reply with a custom variable asks for
 * it; the other language has its own replies; the "?" sheet lists the shortcut; axe is clean.
 */
import AxeBuilder from '@axe-core/playwright';
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { showNotifications } from './support/notifications';

const mastodon = useMastodonStandIn();

test('a saved reply is inserted at the cursor from the composer with its variables filled', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Mairie');
  const save = (name: string, language: 'fr' | 'en', text: string) => rpc.value('reply.save', { id: crypto.randomUUID(), workspaceId: workspace.id, name, language, text });
  await save('Remerciement', 'fr', 'merci {name} pour votre message !');
  await save('Rappel', 'fr', 'Nous vous rappelons le {date}.');
  const alice = mastodon.server.act.addAccount('alice', 'Alice');
  mastodon.server.act.post(alice, '@tribune le marché est ouvert dimanche ?', { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);

  // The inbox by keyboard: i, then r answers the focused mention; the composer takes the focus.
  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Boîte de réception' });
  await expect(inbox.getByTestId('inbox-row')).toHaveCount(1);
  await expect(inbox.getByTestId('inbox-row').first()).toBeFocused();
  // A reply in English, written from a French interface: its language is chosen.
  await inbox.getByRole('button', { name: 'Réponses enregistrées' }).focus();
  await page.keyboard.press('Enter');
  const replies = page.getByRole('dialog', { name: 'Réponses enregistrées' });
  await replies.getByRole('textbox', { name: 'Nom' }).fill('Thanks');
  await replies.getByRole('combobox', { name: 'Langue' }).selectOption({ label: 'Anglais' });
  await replies.getByRole('textbox', { name: /^Texte/ }).fill('Thank you {name}!');
  await replies.getByRole('button', { name: 'Enregistrer la réponse' }).focus();
  await page.keyboard.press('Enter');
  await expect(replies.getByRole('listitem').filter({ hasText: 'Thanks' })).toContainText('EN');
  await page.keyboard.press('Escape');
  await expect(replies).toBeHidden();
  await inbox.getByTestId('inbox-row').first().focus();
  await page.keyboard.press('r');
  const text = tribune.composer.getByRole('textbox').first();
  await expect(text).toBeFocused();
  await page.keyboard.type('Bonjour Bonne journée.');
  // The counter is drawn in the same render as the text: once the text is there, so is its count.
  await expect(text).toHaveValue('Bonjour Bonne journée.');
  const counter = tribune.composer.getByTestId('counter').first();
  const used = async () => Number((await counter.textContent())?.split('/')[0]);
  const before = await used();
  expect(before).toBeGreaterThanOrEqual('Bonjour Bonne journée.'.length);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'Bonjour '.length; i++) await page.keyboard.press('ArrowRight');

  await page.keyboard.press('Control+Shift+S');
  const picker = page.getByRole('dialog', { name: 'Insérer une réponse enregistrée' });
  const search = picker.getByRole('searchbox', { name: /Chercher une réponse/ });
  await expect(search).toBeFocused();
  await expect(picker.getByRole('option')).toHaveCount(2);
  await page.keyboard.type('REMERCI');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(text).toHaveValue('Bonjour merci Alice pour votre message !Bonne journée.');
  await expect(text).toBeFocused();
  // The cursor is after the inserted reply: typing goes on from there. The text counts like any other.
  await page.keyboard.type(' ');
  await expect(text).toHaveValue('Bonjour merci Alice pour votre message ! Bonne journée.');
  await expect.poll(used).toBe(before + 'merci Alice pour votre message ! '.length);

  // A custom variable is asked for; the list is reached with the arrow keys.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Shift+S');
  await expect(search).toBeFocused();
  // The picker asks the core for the replies each time it opens: the arrow needs them listed.
  await expect(picker.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('option', { name: /Remerciement/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(picker.getByRole('option', { name: /Rappel/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const date = picker.getByRole('textbox', { name: '{date}' });
  await expect(date).toBeFocused();
  await page.keyboard.type('3 décembre');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(text).toHaveValue('Bonjour merci Alice pour votre message ! Bonne journée.Nous vous rappelons le 3 décembre.');

  // The other language has its own replies; a blank custom variable stays as typed.
  await page.keyboard.press('Control+Shift+S');
  await expect(search).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(picker.getByRole('radio', { name: 'Français' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(picker.getByRole('radio', { name: 'Anglais' })).toBeChecked();
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option')).toContainText('Thank you {name}!');
  const serious = async () =>
    (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .exclude('[role="log"][aria-live="assertive"]')
        .analyze()
    ).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await serious(), colorScheme).toEqual([]);
  }
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(tribune.composer).toBeVisible();

  // The shortcut is listed in "?".
  await tribune.closeComposer();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(sheet.getByRole('row', { name: /insérer une réponse enregistrée/ })).toContainText('Ctrl+Shift+S');
});

test('a rule that answers with a saved reply: a on its item opens the reply with the saved replies to pick from', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Office');
  await rpc.value('charter.save', {
    workspaceId: workspace.id,
    charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'horaires', name: 'Horaires', severity: 'info', action: 'reply', match: { kind: 'words', terms: ['horaires'] } }] },
  });
  await rpc.value('reply.save', { id: crypto.randomUUID(), workspaceId: workspace.id, name: 'Horaires', language: 'fr', text: 'Bonjour {name}, nos horaires sont sur le site.' });
  const bruno = mastodon.server.act.addAccount('bruno', 'Bruno');
  mastodon.server.act.post(bruno, '@tribune quels sont vos horaires ?', { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);

  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Boîte de réception' });
  const asking = inbox.getByTestId('inbox-row').filter({ hasText: 'quels sont vos horaires' });
  await expect(asking.getByRole('list', { name: 'Signalements de la charte' })).toContainText('Horaires');
  await asking.focus();
  await page.keyboard.press('a');
  const picker = page.getByRole('dialog', { name: 'Insérer une réponse enregistrée' });
  await expect(picker.getByRole('searchbox', { name: /Chercher une réponse/ })).toBeFocused();
  await expect(picker.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(tribune.composer.getByRole('textbox').first()).toHaveValue('Bonjour Bruno, nos horaires sont sur le site.');
  await expect(tribune.composer).toContainText('Réponse à Bruno');
});
