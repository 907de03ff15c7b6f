/**
 * The board offline, end to end, against the Mastodon stand-in behind a relay whose cable the
 * test pulls (the stand-in keeps its state): a restart with the network gone paints every
 * column from the cache, with the offline banner and the time of the last refresh; a like
 * given offline waits in the core's queue and reaches the server exactly once when the
 * network is back.
 */
import { startMastodonStandIn, type MastodonStandIn } from '../helpers/mastodon';
import { connectRpc } from '../helpers/host';
import { startNetworkCut, type NetworkCut } from '../helpers/network-cut';
import { test, expect } from './fixtures';
import { BoardPage } from './pages/board';

let server: MastodonStandIn;
let relay: NetworkCut;

test.beforeAll(async () => {
  server = await startMastodonStandIn({ mediaProcessingPolls: 0 });
  relay = await startNetworkCut(server.url);
});

test.afterAll(async () => {
  await relay?.close();
  await server?.close();
  server?.assertNoViolations();
});

/**
 * What the page believes of the network (navigator.onLine and its events). Playwright's offline
 * mode would also cut the page from the host on 127.0.0.1, so the page is told instead.
 */
const OFFLINE_FLAG = 'e2e-network-offline';
async function pageNetwork(page: import('@playwright/test').Page, online: boolean) {
  await page.evaluate(
    ({ flag, on }) => {
      sessionStorage.setItem(flag, on ? '0' : '1');
      window.dispatchEvent(new Event(on ? 'online' : 'offline'));
    },
    { flag: OFFLINE_FLAG, on: online },
  );
}

test('a restart offline paints every column from the cache; a like given offline goes once when the network is back', async ({ tribune, host, page }) => {
  await page.addInitScript((flag) => {
    Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => sessionStorage.getItem(flag) !== '1' });
  }, OFFLINE_FLAG);
  const alice = server.act.addAccount('alice', 'Alice');
  const liked = server.act.post(alice, 'Un billet à aimer pendant la panne');
  server.act.post(alice, '@tribune la navette du port roule-t-elle dimanche ?', { mentionsMe: true });
  server.act.notify('follow', alice);

  const board = new BoardPage(page);
  await tribune.createWorkspace('Mairie de Port-Lumière');
  await tribune.connectMastodon(relay.url);
  await board.addColumn({ type: "Fil d'accueil" });
  await board.addColumn({ type: 'Notifications' });
  await board.addColumn({ type: 'Mentions' });
  const home = board.column(/^Fil d'accueil/);
  const notifications = board.column(/^Notifications/);
  const mentions = board.column(/^Mentions/);
  await expect(board.card(home, 'Un billet à aimer')).toBeVisible({ timeout: 30_000 });
  await expect(board.card(notifications, 'la navette du port')).toBeVisible({ timeout: 30_000 });
  await expect(board.card(mentions, 'la navette du port')).toBeVisible({ timeout: 30_000 });

  // The network goes; Tribune restarts without it.
  relay.cut();
  server.act.post(alice, 'Publié pendant la panne');
  const restarted = await host.restart();
  await page.goto('about:blank');
  await page.goto(restarted.url);
  await pageNetwork(page, false);
  await expect(tribune.connection).toHaveText(/Connecté|Connected/);

  // Every column from the cache, the banner with the time of the last refresh.
  await expect(board.card(home, 'Un billet à aimer')).toBeVisible();
  await expect(board.card(notifications, 'la navette du port')).toBeVisible();
  await expect(board.card(mentions, 'la navette du port')).toBeVisible();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible();
  const rpc = await connectRpc(restarted);
  const [workspace] = await rpc.value<{ id: string }[]>('workspace.list', {});
  const boards = await rpc.value<{ columns: { accountId: string | null; status: { lastRefreshAt: string | null } | null }[] }[]>('board.list', { workspaceId: workspace!.id });
  rpc.close();
  const lastRefresh = boards
    .flatMap((b) => b.columns)
    .flatMap((c) => (c.accountId && c.status?.lastRefreshAt ? [c.status.lastRefreshAt] : []))
    .sort()
    .at(-1)!;
  const shown = await page.evaluate((at) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)), lastRefresh);
  await expect(banner).toContainText(shown);
  await expect(board.card(home, 'Publié pendant la panne')).toHaveCount(0);

  // A like offline: the card shows it at once, the core keeps it.
  const card = board.card(home, 'Un billet à aimer');
  const like = card.getByRole('button', { name: /^Aimer en tant que/ });
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('toast').filter({ hasText: /Hors ligne|Offline/ })).toBeVisible();
  expect(server.requestsFor('POST /api/v1/statuses/{id}/favourite')).toHaveLength(0);

  // The network is back: the like goes, once; the columns refresh.
  relay.restore();
  await pageNetwork(page, true);
  await expect(banner).toBeHidden();
  await expect.poll(() => server.community.favourites.has(liked.id), { timeout: 30_000 }).toBe(true);
  await expect(board.card(home, 'Publié pendant la panne')).toBeVisible({ timeout: 30_000 });
  // Done (no longer pending): no later drain can send it again.
  await expect(like).toBeEnabled();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  expect(server.requestsFor('POST /api/v1/statuses/{id}/favourite').map((r) => r.status)).toEqual([200]);
});
