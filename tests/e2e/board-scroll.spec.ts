/**
 * Reading a long column end to end, against the Mastodon stand-in's streaming API: posts that
 * arrive above while the person reads further down do not move what they read, and a "N new"
 * pill counts them (its click, or Home, goes back to the top); scrolling down loads the next
 * pages (a "Loading" line while one comes) until the oldest post; the read position is where
 * the column opens again after a restart of the host, even with more than a page above it; an older
 * page the server refuses is asked for once, and comes when the person scrolls to the end again.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { BoardPage } from './pages/board';
import type { TribunePage } from './pages/tribune';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn({ streaming: true });
/** Every post of the file's tests, oldest first (the stand-in's Home timeline shows them all). */
const posted: string[] = [];
function say(author: ReturnType<typeof mastodon.server.act.addAccount>, text: string) {
  posted.push(text);
  mastodon.server.act.post(author, text);
}

/** A workspace with the stand-in's account and its live Home column. */
async function liveHome(tribune: TribunePage, page: Page): Promise<{ board: BoardPage; home: Locator }> {
  await tribune.createWorkspace('Port-Lumière');
  await tribune.connectMastodon(mastodon.server.url);
  const board = new BoardPage(page);
  await board.addColumn({ type: "Fil d'accueil" });
  const home = board.column(/^Fil d'accueil/);
  await expect(home.getByTestId('column-mode')).toHaveAttribute('data-mode', 'live', { timeout: 30_000 });
  return { board, home };
}

/** The first card shown once the rows are measured and the view rests (two reads in a row agree). */
async function resting(board: BoardPage, column: Locator) {
  let last = await board.firstShown(column);
  await expect
    .poll(async () => {
      const now = await board.firstShown(column);
      const same = now.text === last.text && now.top === last.top;
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}

test('posts arriving above keep the view still and count in the "N new" pill; its click or Home goes to the top', async ({ tribune, page }) => {
  const alice = mastodon.server.act.addAccount('alice', 'Alice');
  for (let i = 0; i < 30; i++) say(alice, `Billet ${i}`);
  const { board, home } = await liveHome(tribune, page);
  await expect(board.card(home, 'Billet 29')).toBeVisible();

  // Reading further down: the tenth post or so is at the top of the view.
  await board.scroller(home).evaluate((el) => el.scrollTo(0, 1_500));
  await expect.poll(async () => (await board.firstShown(home)).text).not.toBe('Billet 29');
  const reading = await resting(board, home);

  for (let i = 0; i < 3; i++) say(alice, `Nouveau ${i}`);
  await expect(board.newPill(home)).toHaveText('3 nouveaux');
  // The post read stays where it was, to the pixel.
  expect(await resting(board, home)).toEqual(reading);

  await board.newPill(home).click();
  await expect.poll(() => board.scroller(home).evaluate((el) => el.scrollTop)).toBe(0);
  await expect(board.card(home, 'Nouveau 2')).toBeVisible();
  await expect(board.newPill(home)).toBeHidden();

  // From the keyboard: Home goes to the newest post, and the pill has nothing left to count.
  await board.card(home, 'Billet 29').locator('[data-roving-item]').focus();
  await board.scroller(home).evaluate((el) => el.scrollTo(0, 1_500));
  await expect.poll(async () => (await board.firstShown(home)).text).not.toBe('Nouveau 2');
  say(alice, 'Nouveau 3');
  await expect(board.newPill(home)).toHaveText('1 nouveau');
  await page.keyboard.press('Home');
  await expect(board.card(home, 'Nouveau 3').locator('[data-roving-item]')).toBeFocused();
  await expect(board.newPill(home)).toBeHidden();
});

/**
 * Holds the core's answers to "the next page" (column.page with `before`) on the page's socket
 * until released: while one is held, the column is loading its next page.
 */
async function holdNextPages(page: Page) {
  const held: (() => void)[] = [];
  let holding = true;
  const parse = (m: string | Buffer) => {
    try {
      return JSON.parse(String(m)) as { id?: number; command?: string; kind?: string; input?: { before?: string } };
    } catch {
      return null;
    }
  };
  await page.routeWebSocket(/^ws:\/\/127\.0\.0\.1:\d+\//, (socket) => {
    const server = socket.connectToServer();
    const pageRequests = new Set<number>();
    socket.onMessage((m) => {
      const message = parse(m);
      if (message?.command === 'column.page' && message.input?.before && typeof message.id === 'number') pageRequests.add(message.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const message = parse(m);
      if (holding && message?.kind === 'result' && typeof message.id === 'number' && pageRequests.has(message.id)) held.push(() => socket.send(m));
      else socket.send(m);
    });
  });
  return {
    held: () => held.length,
    release() {
      holding = false;
      for (const send of held.splice(0)) send();
    },
  };
}

test('scrolling down a long column loads the next pages, a "Loading" line while one comes, down to the oldest post', async ({ tribune, host, page }) => {
  const carol = mastodon.server.act.addAccount('carol', 'Carol');
  for (let i = 0; i < 130; i++) say(carol, `Page ${i}`);
  const nextPages = await holdNextPages(page);
  await tribune.open(host.current.url);
  const { board, home } = await liveHome(tribune, page);
  await expect(board.card(home, 'Page 129')).toBeVisible();
  expect(await board.loadedCount(home)).toBe(40);

  // Near the end of the first page the next one is asked for: the column says it is loading.
  await board.scroller(home).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(nextPages.held).toBeGreaterThan(0);
  await expect(home.getByText('Chargement…')).toBeVisible();
  nextPages.release();
  await expect(home.getByText('Chargement…')).toBeHidden();
  await expect.poll(() => board.loadedCount(home)).toBeGreaterThanOrEqual(80);

  // On down, page after page, to the oldest post of the timeline: every post loaded once.
  await expect
    .poll(async () => {
      await board.scroller(home).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return board.cards(home).last().locator('.item-text').textContent();
    })
    .toBe(posted[0]);
  expect(await board.loadedCount(home)).toBe(posted.length);
});

test('the column opens again where the person stopped reading after a restart, even with more than a page above', async ({ tribune, host, page }) => {
  const bob = mastodon.server.act.addAccount('bob', 'Bob');
  for (let i = 0; i < 10; i++) say(bob, `Annonce ${i}`);
  const { board, home } = await liveHome(tribune, page);
  // The first fill is read: the newest post is the read position (reading older ones does not move it back).
  await expect(board.card(home, 'Annonce 9')).toBeVisible();
  await board.scroller(home).evaluate((el) => el.scrollTo(0, 300));
  await expect.poll(async () => (await board.firstShown(home)).text).not.toBe('Annonce 9');

  // 60 more come while the person reads below: more than a page (40) above the read position.
  for (let i = 0; i < 60; i++) say(bob, `Suite ${i}`);
  await expect(board.newPill(home)).toHaveText('60 nouveaux');

  await tribune.open((await host.restart()).url);
  await expect(home.locator('.column-header')).toContainText('60 non lus');
  await expect.poll(async () => (await board.firstShown(home)).text).toBe('Annonce 9');
  // What came in above it is counted by the pill, which goes up to the newest.
  await expect(board.newPill(home)).toHaveText('60 nouveaux');
  await board.newPill(home).click();
  await expect(board.card(home, 'Suite 59')).toBeVisible();
});

test('an older page the server refuses is said in the column and asked for once; scrolling to the end again loads it, even with more than 200 posts shown', async ({ tribune, page }) => {
  const dan = mastodon.server.act.addAccount('dan', 'Dan');
  // More than the 200 entries a column reloads at once: the older ones shown keep their own paging.
  for (let i = 0; i < 250; i++) say(dan, `Archive ${i}`);
  const { board, home } = await liveHome(tribune, page);
  await expect(board.card(home, 'Archive 249')).toBeVisible();
  const shown = await board.loadedCount(home);
  expect(shown).toBeLessThan(posted.length);

  // The server fails from now on: at the end of the cache, the older page is refused.
  const route = 'GET /api/v1/timelines/home';
  mastodon.server.injectFault(route, { kind: 'error', status: 503 });
  await board.scroller(home).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(home.getByText('Le serveur répond par des erreurs.')).toBeVisible();
  // Asked for once, not again and again while the column sits at its end (the page's own
  // requests come back meanwhile: the "?" sheet opens and closes).
  const refused = mastodon.server.faultCount(route);
  expect(refused).toBeGreaterThan(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(mastodon.server.faultCount(route)).toBe(refused);

  // The server answers again; the column tries again at its time, or now when asked: scrolling to
  // the end then loads the older posts, down to the oldest.
  mastodon.server.clearFaults();
  await home.getByRole('button', { name: 'Réessayer maintenant' }).click();
  await expect(home.getByText('Le serveur répond par des erreurs.')).toBeHidden();
  await expect
    .poll(
      async () => {
      await board.scroller(home).evaluate((el) => el.scrollTo(0, el.scrollTop - 200));
      await board.scroller(home).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return board.cards(home).last().locator('.item-text').textContent();
    },
      { timeout: 40_000 },
    )
    .toBe(posted[0]);
});
