/**
 * The page tells the core the network is back (the browser's online event, through the web
 * host): the core checks the accounts' sessions, and the rail's health dot follows a session the
 * server no longer accepts. Against the Mastodon stand-in.
 */
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('back online, a revoked session turns the account’s dot to "reconnect needed"', async ({ tribune, page }) => {
  await tribune.createWorkspace('Marché du Port');
  await tribune.connectMastodon(mastodon.server.url);
  await expect(tribune.rail.getByRole('img', { name: 'Compte en bon état' })).toBeVisible();

  // The token is revoked on the server (the person revoked it in the instance's settings).
  mastodon.server.state.tokens.forEach((t) => (t.revoked = true));
  const verifications = mastodon.server.requestsFor('GET /api/v1/accounts/verify_credentials').length;
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(tribune.rail.getByRole('img', { name: 'Reconnexion nécessaire' })).toBeVisible({ timeout: 10_000 });
  expect(mastodon.server.requestsFor('GET /api/v1/accounts/verify_credentials').length).toBeGreaterThan(verifications);
});
