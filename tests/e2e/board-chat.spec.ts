/**
 * Bluesky direct messages end to end on a real local network, the chat service being the
 * lexicon-validated stand-in reached through the PDS proxy: a Messages privés column shows a
 * conversation and answers it from the field under the message; Enter opens the conversation
 * beside the board (its messages, marked read, answered from there, axe-clean); with an app password that
 * does not allow direct messages, the column says how to make one that does and offers to
 * reconnect.
 */
import AxeBuilder from '@axe-core/playwright';
import { AtpAgent } from '@atproto/api';
import { startBlueskyNetwork, startChatStandIn, type BlueskyAccount, type BlueskyNetwork, type ChatStandIn } from '../helpers/bluesky';
import { hostFixture, test as base, expect } from './fixtures';
import { BoardPage } from './pages/board';

let network: BlueskyNetwork;
let chat: ChatStandIn;
const people: Record<string, BlueskyAccount> = {};
const passwords: Record<string, string> = {};

/** The host reads this private network and names its chat service. */
const test = base.extend({ host: hostFixture(() => ['--plc-url', network.plcUrl, '--appview-url', network.appviewUrl, '--chat-did', chat.did]) });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  network = await startBlueskyNetwork();
  chat = await startChatStandIn({ plcUrl: network.plcUrl });
  for (const handle of ['office.test', 'alice.test', 'kiosque.test']) people[handle] = await network.createAccount(handle);
  for (const [handle, privileged] of [['office.test', true], ['kiosque.test', false]] as const) {
    const agent = new AtpAgent({ service: network.pdsUrl });
    const { data } = await agent.com.atproto.server.createAppPassword({ name: 'tribune', privileged }, { encoding: 'application/json', headers: { authorization: `Bearer ${people[handle]!.accessJwt}` } });
    passwords[handle] = data.password;
  }
});

test.afterAll(async () => {
  await chat?.close();
  await network?.close();
  chat?.assertNoViolations();
});

test('a Bluesky direct messages column: read a conversation, answer it; without chat access it says how to enable it', async ({ tribune, page }) => {
  test.setTimeout(180_000);
  const office = people['office.test']!;
  const alice = people['alice.test']!;
  const convo = chat.convo({ did: alice.did, handle: alice.handle }, { did: office.did, handle: office.handle });
  chat.send(convo, { did: alice.did, handle: alice.handle }, 'Bonjour, où acheter le pass musées ?');

  await tribune.createWorkspace('Office de Tourisme');
  await tribune.connectBluesky(office.handle, passwords['office.test']!, network.pdsUrl);
  await tribune.connectBluesky('kiosque.test', passwords['kiosque.test']!, network.pdsUrl);
  const board = new BoardPage(page);
  await board.addColumn({ type: 'Messages privés', account: office.handle });
  const direct = board.column(new RegExp(`^Messages privés — @${office.handle}`));
  const message = board.card(direct, 'où acheter le pass musées');
  await expect(message).toBeVisible({ timeout: 30_000 });

  await message.getByRole('textbox', { name: `Répondre en tant que @${office.handle}` }).fill('À l’office, quai des Brumes.');
  await message.getByRole('button', { name: 'Envoyer' }).click();
  await expect.poll(() => chat.messages(convo).map((m) => m.text)).toEqual(['Bonjour, où acheter le pass musées ?', 'À l’office, quai des Brumes.']);
  await expect(board.card(direct, 'quai des Brumes')).toBeVisible();

  // Enter on the card opens the conversation beside the board, read up to its newest message.
  await board.card(direct, 'quai des Brumes').locator('[data-roving-item]').focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('side-panel');
  await expect(panel.getByRole('heading', { name: 'Conversation' })).toBeFocused();
  await expect(panel.getByTestId('conversation-message')).toHaveText([/où acheter le pass musées/, /quai des Brumes/]);
  await expect.poll(() => chat.readUpTo(convo, office.did)).toBe(chat.messages(convo).at(-1)!.id);
  await panel.getByRole('textbox', { name: `Répondre en tant que @${office.handle}` }).fill('Ouvert de 9 h à 18 h.');
  await panel.getByRole('button', { name: 'Envoyer' }).click();
  await expect(panel.getByTestId('conversation-message')).toHaveText([/pass musées/, /quai des Brumes/, /Ouvert de 9 h à 18 h/]);
  expect(chat.messages(convo).at(-1)?.text).toBe('Ouvert de 9 h à 18 h.');
  const axe = await new AxeBuilder({ page }).include('[data-testid="side-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await board.addColumn({ type: 'Messages privés', account: 'kiosque.test' });
  const denied = board.column(/^Messages privés — @kiosque\.test/);
  const status = denied.getByTestId('column-status');
  await expect(status).toHaveAttribute('data-state', 'chatNotAllowed', { timeout: 30_000 });
  await expect(status).toContainText('Autoriser l\'accès à vos messages privés');
  await expect(status.getByRole('button', { name: /Reconnecter/ })).toBeVisible();
});
