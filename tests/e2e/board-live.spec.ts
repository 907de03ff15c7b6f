/**
 * A live Mastodon column end to end, against the stand-in's streaming API (WebSocket): the
 * column says it is live, a new post and its edit appear with no refresh (the stream, not
 * polling: a live column is polled every 10 minutes at most), and when the stream dies the
 * column says it polls again.
 */
import { test, expect } from './fixtures';
import { BoardPage } from './pages/board';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn({ streaming: true });

test('a Mastodon Home column is live: posts and edits arrive by themselves; a dead stream falls back to polling', async ({ tribune, page }) => {
  test.setTimeout(120_000);
  await tribune.createWorkspace('Port-Lumière');
  await tribune.connectMastodon(mastodon.server.url);
  const alice = mastodon.server.act.addAccount('alice', 'Alice');
  const board = new BoardPage(page);
  await board.addColumn({ type: "Fil d'accueil" });
  const home = board.column(/^Fil d'accueil/);
  const mode = home.getByTestId('column-mode');
  await expect(mode).toHaveAttribute('data-mode', 'live', { timeout: 30_000 });
  await expect(mode).toHaveText(/En direct/);

  const status = mastodon.server.act.post(alice, 'Le ferry arrive au port');
  await expect(board.card(home, 'Le ferry arrive au port')).toBeVisible();
  // An edit reaches a card only through the stream (status.update): polling would not reread it for minutes.
  mastodon.server.act.editStatus(status.id, 'Le ferry arrive au port (avec 10 minutes de retard)');
  await expect(board.card(home, 'avec 10 minutes de retard')).toBeVisible();

  mastodon.server.streaming.kill();
  await expect(mode).toHaveAttribute('data-mode', 'polling');
});
