/**
 * The composer lints every text of a draft against the charter, not only the main one: a thread's
 * parts and an adapted version's parts, each named where it matched; fixing one part leaves the
 * other's warning. Against the Mastodon stand-in (the account the version is adapted for).
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('every thread part and every adapted version is linted, each named where it matched', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Mairie');
  await rpc.value('charter.save', {
    workspaceId: workspace.id,
    charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'insultes', name: 'Insultes', severity: 'warning', action: 'hide', match: { kind: 'words', terms: ['incapables'] } }] },
  });
  const version = (texts: string[]) => ({ parts: texts.map((text) => ({ text, media: [] })), contentWarning: null, language: null, visibility: null, poll: null });
  await rpc.value('draft.save', {
    id: crypto.randomUUID(),
    workspaceId: workspace.id,
    text: 'Travaux du port\n\nCes incapables de la voirie',
    content: {
      targets: [{ accountId: account.id, variant: version(['Travaux du port, version Mastodon', 'Encore ces incapables']) }],
      media: [],
      contentWarning: null,
      language: null,
      visibility: null,
      poll: null,
      threadParts: ['Travaux du port', 'Ces incapables de la voirie'],
    },
  });
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);
  await tribune.card('Travaux du port').getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect(tribune.composer).toBeVisible();

  const lint = tribune.composer.getByRole('status').filter({ hasText: 'Charte' });
  const places = lint.getByTestId('lint-place');
  await expect(places).toHaveCount(2);
  await expect(places.nth(0)).toContainText('Version principale, partie 2');
  await expect(places.nth(0)).toContainText('Insultes : « incapables »');
  await expect(places.nth(1)).toContainText(/Version pour @tribune.*, partie 2/);
  await expect(places.nth(1)).toContainText('Insultes : « incapables »');

  // The main thread's second part is fixed: only the adapted version's part is left.
  const part = tribune.composer.getByRole('textbox', { name: 'Partie 2 sur 2', exact: true });
  await part.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Merci à la voirie');
  await expect(places).toHaveCount(1);
  await expect(places.first()).toContainText(/Version pour @tribune.*, partie 2/);
});
