/**
 * The inbox while the community keeps talking (against the Mastodon stand-in): a mention that
 * arrives above the item being read never takes the keyboard from it (so "e" marks the item read,
 * not the newcomer), a note being typed in the conversation pane survives the arrival and says
 * when it is saved, Escape
 * closes the pane with the keyboard back on the item, and after a reply goes out (or the composer
 * is put away) the keyboard is back on the list, never on the page. A reply that waits to go (the
 * undo delay) shows on its item, so nobody answers twice; undone, the item is to answer again.
 * After a bulk "done" and its undo the keyboard is on an item; j/k pressed when nothing has it go to the list.
 */
import { connectRpc, type RpcClient } from '../helpers/host';
import { startMastodonStandIn, type MastodonStandIn } from '../helpers/mastodon';
import { test, expect } from './fixtures';
import { workspaceWithMastodon } from './support/mastodon';
import { InboxPage } from './pages/inbox';
import type { TribunePage } from './pages/tribune';

let server: MastodonStandIn;

// A server of its own for each test: only its community talks there.
test.beforeEach(async () => {
  server = await startMastodonStandIn({ mediaProcessingPolls: 0 });
});

test.afterEach(async () => {
  await server?.close();
  server?.assertNoViolations();
});

/** A workspace with the stand-in's account and a Notifications column read once; the page shows it. */
async function setUp(rpc: RpcClient, tribune: TribunePage, publishUndoSeconds: 0 | 30 = 0): Promise<{ columnId: string }> {
  // Replies go at once (no undo delay) unless asked: the item is handled when its reply has gone out.
  await rpc.value('settings.update', { publishUndoSeconds });
  const { workspace, account } = await workspaceWithMastodon(rpc, server.url, 'Office de Tourisme');
  const [board] = await rpc.value<{ id: string }[]>('board.list', { workspaceId: workspace.id });
  const column = await rpc.value<{ id: string }>('column.add', { boardId: board!.id, type: 'notifications', accountId: account.id });
  await rpc.value('column.refresh', { columnId: column.id });
  await tribune.page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);
  return { columnId: column.id };
}

test('a mention arriving above the item being read leaves the keyboard and the pane on that item', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const marie = server.act.addAccount('marie', 'Marie');
  server.act.post(marie, '@tribune la plage est-elle surveillée en juin ?', { mentionsMe: true });
  server.act.post(marie, '@tribune merci pour le plan du marché', { mentionsMe: true });
  const { columnId } = await setUp(rpc, tribune);

  const inbox = new InboxPage(page);
  await page.keyboard.press('i');
  await expect(inbox.rows).toHaveCount(2);
  await expect(inbox.rows.first()).toBeFocused();
  // Posted in the same millisecond, the two may come in either order: go to the one about the beach.
  const read = inbox.row('la plage est-elle surveillée');
  const index = (await inbox.rows.allTextContents()).findIndex((text) => text.includes('la plage est-elle surveillée'));
  for (let i = 0; i < index; i++) await page.keyboard.press('j');
  await expect(read).toBeFocused();
  await page.keyboard.press('o');
  const pane = page.getByRole('complementary', { name: 'Conversation' });
  const note = pane.getByRole('textbox', { name: /Note sur cette personne/ });
  await note.fill('Habite le port, ');

  // Two mentions arrive while the item is read.
  server.act.post(marie, '@tribune le bac part à quelle heure ?', { mentionsMe: true });
  server.act.post(marie, '@tribune bravo pour le festival', { mentionsMe: true });
  await rpc.value('column.refresh', { columnId });
  await expect(inbox.rows).toHaveCount(4);
  await expect(read).toHaveAttribute('aria-current', 'true');
  // The note being typed is still there, and goes on.
  await note.press('End');
  await page.keyboard.type('écrit souvent.');
  await expect(note).toHaveValue('Habite le port, écrit souvent.');
  // Saved, and it says so.
  await pane.getByRole('button', { name: 'Enregistrer la note' }).click();
  await expect(tribune.toasts).toContainText(`Note sur @marie@${new URL(server.url).host} enregistrée`);

  // Escape closes the pane, the keyboard back on the item; "e" marks that one read, not a newcomer.
  await read.focus();
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();
  await expect(read).toBeFocused();
  await page.keyboard.press('e');
  await expect(inbox.rows).toHaveCount(3);
  await expect(inbox.row('la plage est-elle surveillée')).toHaveCount(0);
  // The keyboard goes on with the item that followed it (or, when it was the last, the one before:
  // either way the other early mention, the two newcomers being above both).
  await expect(inbox.row('merci pour le plan du marché')).toBeFocused();

  // All marked done: the button leaves with them; undone, the items are back with the keyboard on one.
  await inbox.main.getByRole('button', { name: 'Marquer les 3 traités' }).focus();
  await page.keyboard.press('Enter');
  await expect(inbox.rows).toHaveCount(0);
  // Its toast (and undo) shows once the core has answered: Ctrl+Z undoes that, not the "e" before.
  await expect(tribune.toasts).toContainText('3 éléments traités');
  await page.keyboard.press('Control+z');
  await expect(inbox.rows).toHaveCount(3);
  await expect(inbox.main.locator('.inbox-row:focus')).toHaveCount(1);
  // Nothing has the keyboard (a click on an empty spot): j takes it back to the list.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(page.locator('body')).toBeFocused();
  await page.keyboard.press('j');
  await expect(inbox.main.locator('.inbox-row:focus')).toHaveCount(1);
});

test('after a reply goes out from the inbox, or the composer is put away, the keyboard is back on the list', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const paul = server.act.addAccount('paul', 'Paul');
  server.act.post(paul, '@tribune le phare se visite-t-il le dimanche ?', { mentionsMe: true });
  server.act.post(paul, '@tribune où garer un camping-car ?', { mentionsMe: true });
  await setUp(rpc, tribune);

  const inbox = new InboxPage(page);
  await page.keyboard.press('i');
  await expect(inbox.rows).toHaveCount(2);
  const lighthouse = inbox.row('le phare se visite');
  await lighthouse.focus();

  // Put away without writing: back on the item.
  await page.keyboard.press('r');
  await expect(tribune.composerText).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tribune.composer).toBeHidden();
  await expect(lighthouse).toBeFocused();

  // Answered: the item is handled and the keyboard is on the next one, where j/k and e work.
  await page.keyboard.press('r');
  await expect(tribune.composerText).toBeFocused();
  await page.keyboard.type('Oui, de 10 h à 18 h.');
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect(tribune.composer).toBeHidden();
  await expect(inbox.rows).toHaveCount(1);
  await expect(inbox.row('où garer un camping-car')).toBeFocused();
  await page.keyboard.press('e');
  await expect(inbox.rows).toHaveCount(0);
});

test('a reply waiting to go shows on its item; undone, it is back in the composer to change', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const nina = server.act.addAccount('nina', 'Nina');
  server.act.post(nina, '@tribune les chiens sont-ils admis sur la plage ?', { mentionsMe: true });
  // The longest undo delay: the reply waits while the test looks.
  await setUp(rpc, tribune, 30);

  const inbox = new InboxPage(page);
  await page.keyboard.press('i');
  const dogs = inbox.row('les chiens sont-ils admis');
  await expect(dogs).toBeFocused();
  await expect(dogs).not.toContainText('Réponse en attente d’envoi');
  await page.keyboard.press('r');
  await expect(tribune.composerText).toBeFocused();
  await page.keyboard.type('Oui, tenus en laisse.');
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect(tribune.composer).toBeHidden();
  // Still to handle until it goes, and it says a reply is on its way.
  await expect(dogs).toContainText('Réponse en attente d’envoi');
  await expect(dogs).toHaveAttribute('aria-label', /Réponse en attente d’envoi$/);
  await expect(dogs).toBeFocused();
  // r again asks first: no second reply by mistake.
  await page.keyboard.press('r');
  await expect(tribune.toasts).toContainText('Une réponse à ce message est déjà en attente d’envoi.');
  await expect(tribune.composer).toBeHidden();
  await expect(tribune.toasts.getByRole('button', { name: 'Répondre encore' })).toBeVisible();
  // Undone (Ctrl+Z while its toast shows): nothing went, the reply is back in the composer to be
  // changed, above the post it answers, and the item no longer says a reply is on its way.
  await page.keyboard.press('Control+z');
  await expect(tribune.toasts).toContainText('la réponse est de retour dans le compositeur');
  await expect(tribune.composerText).toHaveValue('Oui, tenus en laisse.');
  await expect(tribune.composerText).toBeFocused();
  await expect(tribune.composer).toContainText('Réponse à Nina');
  await expect(dogs).not.toContainText('Réponse en attente d’envoi');
  await expect(inbox.rows).toHaveCount(1);
  expect(server.requestsFor('POST /api/v1/statuses')).toEqual([]);
  // Changed and sent again: on its way once more.
  await page.keyboard.press('End');
  await page.keyboard.type(' Sauf en juillet et août.');
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect(tribune.composer).toBeHidden();
  await expect(dogs).toContainText('Réponse en attente d’envoi');
});
