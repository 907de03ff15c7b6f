/**
 * The board end to end on a real local Bluesky network (PLC, PDS, AppView): a four-column
 * board built through the UI (Home, Mentions, Monitoring "#PortLumiere", Scheduled), a mention
 * answered from its card (getPostThread shows the reply under the mention), a like given
 * as another account of the workspace, columns reordered by keyboard and by drag, the same
 * board after a restart; a hostile post reaching the UI runs no script, opens no dialog and
 * never navigates the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { AtpAgent, RichText } from '@atproto/api';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';
import { hostFixture, test as base, expect } from './fixtures';
import { BoardPage } from './pages/board';

let network: BlueskyNetwork;
const people: Record<string, BlueskyAccount & { appPassword?: string; agent: AtpAgent }> = {};
const posts: Record<string, { uri: string; cid: string }> = {};

/** The host reads this private network (its PLC and AppView), like the sandbox does. */
const test = base.extend({ host: hostFixture(() => ['--plc-url', network.plcUrl, '--appview-url', network.appviewUrl]) });

async function post(who: string, text: string, extraFacets: unknown[] = []) {
  const agent = people[who]!.agent;
  const rt = new RichText({ text });
  await rt.detectFacets(agent);
  const made = await agent.post({ text: rt.text, facets: [...(rt.facets ?? []), ...extraFacets] as never, langs: ['fr'], createdAt: new Date().toISOString() });
  return { uri: made.uri, cid: made.cid };
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  network = await startBlueskyNetwork();
  for (const handle of ['port-lumiere.test', 'musee-port.test', 'alice.test', 'mallory.test']) {
    const account = await network.createAccount(handle);
    const agent = new AtpAgent({ service: network.pdsUrl });
    await agent.login({ identifier: handle, password: account.password });
    people[handle] = { ...account, agent };
  }
  people['port-lumiere.test']!.appPassword = await network.createAppPassword(people['port-lumiere.test']!, 'tribune');
  people['musee-port.test']!.appPassword = await network.createAppPassword(people['musee-port.test']!, 'tribune');
  await people['port-lumiere.test']!.agent.follow(people['alice.test']!.did);
  await people['port-lumiere.test']!.agent.follow(people['mallory.test']!.did);
  posts.market = await post('alice.test', 'Le marché de nuit ouvre samedi sur le quai #PortLumiere');
  posts.mention = await post('alice.test', 'Bonjour @port-lumiere.test, le parking du port est-il gratuit le dimanche ?');
  // A hostile post: markup as text, a javascript: link facet, a huge name.
  const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> cliquez ici';
  const start = Buffer.byteLength('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ', 'utf8');
  // Past the lexicon's 64 graphemes: written without validation, as a hostile server would serve it.
  await people['mallory.test']!.agent.com.atproto.repo.putRecord({
    repo: people['mallory.test']!.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    validate: false,
    record: { $type: 'app.bsky.actor.profile', displayName: '<b onmouseover=alert(1)>'.padEnd(600, 'X') },
  });
  posts.hostile = await post('mallory.test', hostile, [
    { index: { byteStart: start, byteEnd: start + 'cliquez ici'.length }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'javascript:window.__xss=3' }] },
  ]);
  await network.processAll();
});

test.afterAll(async () => {
  await network?.close();
});

async function refreshColumn(board: BoardPage, name: string) {
  await board.menuOf(name).click();
  await board.page.getByRole('menuitem', { name: 'Actualiser' }).click();
}

test('a four-column board: answer a mention, like as another account, reorder, restart, hostile content stays inert', async ({ tribune, host, page }) => {
  test.setTimeout(300_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const board = new BoardPage(page);
  const brand = people['port-lumiere.test']!;
  const museum = people['musee-port.test']!;
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.connectBluesky(brand.handle, brand.appPassword!, network.pdsUrl);
  await tribune.connectBluesky(museum.handle, museum.appPassword!, network.pdsUrl);
  const startUrl = page.url();

  // Build the board through the UI.
  await board.newBoard('Marque');
  await board.addColumn({ type: 'Fil d’accueil'.replace('’', "'"), account: brand.handle });
  await board.addColumn({ type: 'Mentions', account: brand.handle });
  await board.addColumn({ type: 'Veille', account: brand.handle, search: '#PortLumiere' });
  await board.addColumn({ type: 'Programmés' });
  const home = `Fil d'accueil — @${brand.handle}`;
  const mentions = `Mentions — @${brand.handle}`;
  const search = `Veille — #PortLumiere — @${brand.handle}`;
  await expect.poll(() => board.columnNames()).toEqual([home, mentions, search, 'Programmés']);

  // Columns paint from the cache, then the core's refresh brings the network in.
  const mentionsColumn = board.column(mentions);
  await refreshColumn(board, mentions);
  const mentionCard = board.card(mentionsColumn, 'le parking du port est-il gratuit');
  await expect(mentionCard).toBeVisible({ timeout: 30_000 });
  await expect(mentionsColumn.getByRole('heading')).toContainText('Mentions');
  await expect(mentionsColumn).toContainText(`@${brand.handle}`);

  // Answer the mention from its card with the keyboard: r opens the composer as that account.
  await mentionCard.locator('[data-roving-item]').focus();
  await page.keyboard.press('r');
  await expect(tribune.composer.getByTestId('reply-context')).toContainText('le parking du port');
  // The reply starts in the answered post's language (the community writes in French).
  await expect(tribune.composer.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await expect(tribune.composer.getByRole('group', { name: 'Publier sur' }).getByRole('button', { name: new RegExp(`@${brand.handle}`) })).toHaveAttribute('aria-pressed', 'true');
  const answer = 'Oui, gratuit le dimanche toute la journée 🙂';
  await tribune.composerText.fill(answer);
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  // On the AppView, the answer is a reply of the mention (its parent and root), by the brand.
  await expect
    .poll(
      async () => {
        await network.processAll();
        const thread = await brand.agent.getPostThread({ uri: posts.mention!.uri, depth: 1 }).catch(() => null);
        const replies = thread && 'replies' in thread.data.thread ? (thread.data.thread.replies ?? []) : [];
        return replies.flatMap((r) => {
          if (!('post' in r)) return [];
          const record = r.post.record as { text: string; reply?: { parent: { uri: string }; root: { uri: string } } };
          return [{ author: r.post.author.handle, text: record.text, parent: record.reply?.parent.uri, root: record.reply?.root.uri }];
        });
      },
      { timeout: 90_000, intervals: [2000] },
    )
    .toContainEqual({ author: brand.handle, text: answer, parent: posts.mention!.uri, root: posts.mention!.uri });
  if (await tribune.composer.isVisible()) await tribune.closeComposer();

  // o opens the conversation beside the board.
  await mentionCard.locator('[data-roving-item]').focus();
  await page.keyboard.press('o');
  await expect(board.panel).toContainText('le parking du port', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(board.panel).toBeHidden();

  // Like Alice's market post as the museum (another account of the workspace).
  const homeColumn = board.column(home);
  await refreshColumn(board, home);
  const market = board.card(homeColumn, 'Le marché de nuit');
  await expect(market).toBeVisible({ timeout: 30_000 });
  await market.getByRole('button', { name: "Plus d'actions" }).click();
  await page.getByRole('menuitem', { name: `Agir en tant que @${museum.handle}` }).click();
  await expect(homeColumn.getByRole('status').filter({ hasText: `@${museum.handle}` })).toBeVisible();
  await market.getByRole('button', { name: new RegExp(`^Aimer en tant que @${museum.handle}`) }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'aimer' })).toBeVisible();
  const likers = async () => {
    await network.processAll();
    const likes = await brand.agent.getLikes({ uri: posts.market!.uri }).catch(() => null);
    return likes?.data.likes.map((l) => l.actor.handle) ?? [];
  };
  await expect.poll(likers, { timeout: 60_000, intervals: [2000] }).toContain(museum.handle);
  // As the museum only: the column's own account did not like it.
  expect(await likers()).toEqual([museum.handle]);

  // The board with network cards, menus closed: no serious or critical axe violation, light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[role="log"][aria-live="assertive"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious, colorScheme).toEqual([]);
  }

  // The hostile post: shown as text, its javascript: link is not a link, nothing ran.
  const hostile = board.card(homeColumn, 'cliquez ici');
  await expect(hostile).toBeVisible({ timeout: 30_000 });
  await expect(hostile).toContainText('<script>window.__xss=2</script>');
  await expect(hostile.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(hostile.locator('img[src="x"], script')).toHaveCount(0);
  await hostile.getByText('cliquez ici').click();
  await hostile.locator('.item-name').hover();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
  expect(dialogs).toEqual([]);
  expect(page.url()).toBe(startUrl);

  // Reorder: keyboard on Mentions' handle, then drag Scheduled to the front.
  await board.handleOf(mentions).focus();
  await page.keyboard.press('Space');
  // Picked up (dnd-kit marks the handle pressed), then one step, then dropped.
  await expect(board.handleOf(mentions)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowLeft');
  // Dropped once dnd-kit has it over the first place (it says so).
  await expect(board.dragAnnouncement(`${mentions} est maintenant en position 1 sur 4.`)).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect.poll(() => board.columnNames()).toEqual([mentions, home, search, 'Programmés']);
  const from = await board.handleOf('Programmés').boundingBox();
  const to = await board.handleOf(mentions).boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x - 40, from!.y + 10, { steps: 5 });
  await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 20 });
  await page.mouse.up();
  await expect.poll(() => board.columnNames()).toEqual(['Programmés', mentions, home, search]);

  // Restart: the same board, in the same order, painted from the cache.
  const restarted = await host.restart();
  await tribune.open(restarted.url);
  await expect(board.tab('Marque')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => board.columnNames()).toEqual(['Programmés', mentions, home, search]);
  await expect(board.card(board.column(mentions), 'le parking du port')).toBeVisible();
  await expect(board.card(board.column(home), 'Le marché de nuit')).toBeVisible();
});
