/**
 * The inbox through the UI, against the Mastodon stand-in: a rude mention from the community is
 * flagged by the charter (badge with the rule and the matched words, on the board's card and in
 * the inbox), marked done with one key
 * and the audit log says so; another mention is answered with a saved reply whose variables
 * are filled; axe finds nothing serious. A report made from an inbox item's menu with the
 * keyboard only names the server's rules (the stand-in checks the rule and status ids).
 */
import AxeBuilder from '@axe-core/playwright';
import { connectRpc } from '../helpers/host';
import { startMastodonStandIn } from '../helpers/mastodon';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { InboxPage } from './pages/inbox';
import { showNotifications } from './support/notifications';

const standIn = useMastodonStandIn();

test('a flagged mention is done in one key and logged; another is answered with a saved reply', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, standIn.server.url, 'Office de Tourisme');
  await rpc.value('charter.save', {
    workspaceId: workspace.id,
    charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'insultes', name: 'Insultes', severity: 'warning', action: 'hide', match: { kind: 'words', terms: ['incapables'] } }] },
  });
  await rpc.value('reply.save', { id: crypto.randomUUID(), workspaceId: workspace.id, name: 'Merci', language: 'fr', text: 'Merci {name} pour votre message !' });
  const troll = standIn.server.act.addAccount('troll', 'Troll');
  const alice = standIn.server.act.addAccount('alice', 'Alice');
  standIn.server.act.post(alice, '@tribune le marché est ouvert dimanche ?', { mentionsMe: true });
  standIn.server.act.post(troll, '@tribune bande d’incapables', { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);

  // The board's card carries the charter's badge too.
  await expect(tribune.board.getByRole('list', { name: 'Signalements de la charte' })).toHaveText('Insultes : « incapables »');
  // The rail's entry says how many items wait.
  await expect(tribune.rail.getByRole('button', { name: /^Boîte de réception/ })).toContainText('2');
  // Keyboard only: "i" opens the inbox with the first item focused, j moves down.
  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Boîte de réception' });
  const rows = inbox.getByTestId('inbox-row');
  await expect(rows).toHaveCount(2);
  const rude = rows.filter({ hasText: 'bande d’incapables' });
  await expect(rude.getByRole('list', { name: 'Signalements de la charte' })).toHaveText('Insultes : « incapables »');
  await expect(inbox.getByRole('tab', { name: /À traiter/ })).toContainText('2');

  const violations = (
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .exclude('[role="log"][aria-live="assertive"]')
      .analyze()
  ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await expect(rows.first()).toBeFocused();
  const rudeIndex = (await rows.allTextContents()).findIndex((text) => text.includes('bande d’incapables'));
  for (let i = 0; i < rudeIndex; i++) await page.keyboard.press('j');
  await expect(rude).toBeFocused();
  // h hides a reply on Bluesky only: on Mastodon the key says what to do instead rather than nothing.
  await page.keyboard.press('h');
  await expect(tribune.toasts).toContainText('Masquer une réponse n’existe que sur Bluesky');
  await expect(rude).toBeFocused();
  await page.keyboard.press('e');
  await expect(rows).toHaveCount(1);
  await expect(inbox.getByRole('tab', { name: /Traité/ })).toContainText('1');

  await inbox.getByRole('button', { name: 'Journal' }).click();
  const log = page.getByRole('dialog', { name: 'Journal de modération' });
  await expect(log.getByRole('row').filter({ hasText: 'Marqué traité' })).toHaveCount(1);
  await expect(log.getByRole('row').filter({ hasText: 'Marqué traité' })).toContainText('À la main');
  // The time is written in the app's language and the workspace's zone, not the system's locale.
  await expect(log.getByRole('row').filter({ hasText: 'Marqué traité' }).locator('time')).toHaveText(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \S+ \d{4} à \d{2}:\d{2}$/);
  await log.getByRole('button', { name: /Fermer/ }).first().click();

  await rows.first().click();
  await inbox.getByRole('button', { name: 'Réponses enregistrées' }).click();
  await page.getByRole('dialog', { name: 'Réponses enregistrées' }).getByRole('button', { name: 'Répondre avec' }).click();
  await expect(tribune.composer.getByRole('textbox').first()).toHaveValue('Merci Alice pour votre message !');

  // The composer lints the brand's own draft against the charter, without blocking it.
  await tribune.composer.getByRole('textbox').first().fill('Merci Alice, nous ne sommes pas des incapables');
  await expect(tribune.composer.getByRole('status').filter({ hasText: 'Charte' })).toContainText('Insultes : « incapables »');
  await tribune.composer.getByRole('textbox').first().fill('Merci Alice pour votre message !');
  await expect(tribune.composer.getByRole('listitem').filter({ hasText: 'Insultes' })).toHaveCount(0);
});

test('a report from the inbox names the server’s rules, from the keyboard only', async ({ tribune, host, page }) => {
  // A server of its own: only this test's community talks there.
  const server = await startMastodonStandIn({ mediaProcessingPolls: 0 });
  test.info().attach('stand-in', { body: server.url });
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, server.url, 'Office de Tourisme');
  const spammer = server.act.addAccount('promo', 'Promo');
  const status = server.act.post(spammer, '@tribune 1000 abonnés pas chers, écrivez-moi', { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);

  const inbox = new InboxPage(page);
  await page.keyboard.press('i');
  await expect(inbox.rows).toHaveCount(1);
  await expect(inbox.rows.first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(inbox.menuButton(inbox.rows.first())).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  // Mastodon: no hiding, but a follower can be removed.
  const promo = `@promo@${new URL(server.url).host}`;
  await expect(menu.getByRole('menuitem')).toHaveText(['Masquer le fil', `Masquer ${promo}`, `Bloquer ${promo}…`, `Retirer ${promo} des abonnés…`, 'Signaler…']);
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Signaler…' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: `Signaler le message de ${promo}` });
  const reason = dialog.getByRole('combobox', { name: 'Motif' });
  await expect(reason).toBeFocused();
  // Typing selects the reason; a violation offers the server's own rules.
  await page.keyboard.type('Enfreint');
  await expect(reason).toHaveValue('violation');
  const rules = dialog.getByRole('group', { name: 'Règles du serveur enfreintes' });
  await expect(rules.getByRole('checkbox')).toHaveCount(2);
  expect(await inbox.axeProblems()).toEqual([]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(rules.getByRole('checkbox', { name: 'Pas de spam ni de publicité' })).not.toBeFocused();
  await expect(rules.getByRole('checkbox', { name: 'Respect : pas d’insultes ni de harcèlement' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await expect(rules.getByRole('checkbox', { name: 'Pas de spam ni de publicité' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Vente d’abonnés');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Envoyer le signalement' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(tribune.toasts).toContainText('Signalement envoyé');
  expect(server.moderation.reports).toEqual([{ id: expect.any(String), accountId: spammer.id, category: 'violation', ruleIds: ['1'], statusIds: [status.id], comment: 'Vente d’abonnés', forward: false }]);
  // Reported: the item is handled.
  await expect(inbox.rows).toHaveCount(0);
  await server.close();
  server.assertNoViolations();
});
