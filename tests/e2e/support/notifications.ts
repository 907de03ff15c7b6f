import type { RpcClient } from '../../helpers/host';
import { expect } from '../fixtures';
import type { TribunePage } from '../pages/tribune';

/**
 * Where the inbox specs start: the account's notifications read once through a Notifications
 * column added by the contract, then the page reloaded (and connected again) to show them.
 */
export async function showNotifications(rpc: RpcClient, tribune: TribunePage, workspaceId: string, accountId: string): Promise<void> {
  const [board] = await rpc.value<{ id: string }[]>('board.list', { workspaceId });
  const column = await rpc.value<{ id: string }>('column.add', { boardId: board!.id, type: 'notifications', accountId });
  await rpc.value('column.refresh', { columnId: column.id });
  await tribune.page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);
}
