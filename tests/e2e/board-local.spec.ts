/**
 * The board's frame without any network: boards as tabs, the local columns (Drafts, Scheduled,
 * Sent) in order, a new board, reordering by keyboard (the column's handle: Space, arrows, Space)
 * and by the column menu, and the same board after a restart of the host; at start, the
 * workspace's lists and boards are each read once.
 */
import { test, expect } from './fixtures';
import { BoardPage } from './pages/board';
import { RpcLog } from './pages/rpc-log';

test('boards are tabs, columns reorder by keyboard and menu, and the board comes back the same after a restart', async ({ tribune, host, page }) => {
  const board = new BoardPage(page);
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await expect(board.tab('Accueil')).toHaveAttribute('aria-selected', 'true');
  await expect(board.boardPanel('Accueil')).toBeVisible();
  await expect(board.tab('Accueil')).toHaveAttribute('aria-controls', (await board.boardPanel('Accueil').getAttribute('id'))!);
  await expect.poll(() => board.columnNames()).toEqual(['Brouillons', 'Programmés', 'Publiés / Échecs']);

  // Keyboard: the handle picks the column up, → moves it, Space drops it.
  await board.handleOf('Brouillons').focus();
  await page.keyboard.press('Space');
  // Picked up (dnd-kit marks the handle pressed), then one step, then dropped.
  await expect(board.handleOf('Brouillons')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowRight');
  // Dropped once dnd-kit has it over the next place (it says so).
  await expect(board.dragAnnouncement('Brouillons est maintenant en position 2 sur 3.')).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect.poll(() => board.columnNames()).toEqual(['Programmés', 'Brouillons', 'Publiés / Échecs']);

  // The column menu moves it too, and changes its width.
  await board.menuOf('Publiés / Échecs').click();
  await page.getByRole('menuitem', { name: 'Déplacer à gauche' }).click();
  await expect.poll(() => board.columnNames()).toEqual(['Programmés', 'Publiés / Échecs', 'Brouillons']);
  await board.menuOf('Brouillons').click();
  await page.getByRole('menuitem', { name: /^Large/ }).click();
  await expect(page.locator('[data-column-id]').nth(2)).toHaveAttribute('data-width', 'wide');

  // A second board, "Veille", with its own column.
  await board.newBoard('Veille');
  await board.addColumn({ type: 'Brouillons' });
  await expect.poll(() => board.columnNames()).toEqual(['Brouillons']);

  // Restart: same boards, same order, same tab.
  const restarted = await host.restart();
  await tribune.open(restarted.url);
  await expect(board.tab('Veille')).toHaveAttribute('aria-selected', 'true');
  await expect(board.boardPanel('Veille')).toBeVisible();
  await board.tab('Accueil').click();
  await expect(board.boardPanel('Accueil')).toBeVisible();
  await expect(board.boardPanel('Veille')).toHaveCount(0);
  await expect.poll(() => board.columnNames()).toEqual(['Programmés', 'Publiés / Échecs', 'Brouillons']);
  await expect(page.locator('[data-column-id]').nth(2)).toHaveAttribute('data-width', 'wide');

  // The shortcuts sheet lists the board's keys.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(sheet).toContainText('Répondre à la publication choisie');
  await expect(sheet).toContainText('Aimer / retirer le j’aime'.replace('’', "'"));
});

test('at start, the selected workspace and its boards are each read once', async ({ tribune, host, page }) => {
  const board = new BoardPage(page);
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await expect(board.boardPanel('Accueil')).toBeVisible();

  const restarted = await host.restart();
  const rpc = new RpcLog(page);
  await tribune.open(restarted.url);
  await expect(board.boardPanel('Accueil')).toBeVisible();
  await expect.poll(() => board.columnNames()).toEqual(['Brouillons', 'Programmés', 'Publiés / Échecs']);
  // Everything asked so far has its answer: the start is over.
  await expect.poll(() => rpc.entries.some((e) => e.command === 'board.list') && rpc.settled()).toBe(true);
  const sent = (command: string) => rpc.entries.filter((e) => e.command === command).map((e) => JSON.stringify(e.input));
  expect(sent('workspace.list')).toHaveLength(1);
  expect(sent('board.list')).toHaveLength(1);
  expect(sent('draft.list')).toHaveLength(1);
  expect(sent('account.list')).toHaveLength(1);
  expect(sent('workspace.getPublishing')).toHaveLength(1);
  // Scheduled and Sent, once each.
  expect(sent('post.list')).toHaveLength(2);
  expect(new Set(sent('post.list')).size).toBe(2);
});
