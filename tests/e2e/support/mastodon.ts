/**
 * Shared set-up of the end-to-end specs that run against the Mastodon stand-in: one server per
 * spec file, and after the file's tests every request and answer it saw must have matched the
 * Mastodon OpenAPI description.
 */
import { startMastodonStandIn, type MastodonStandIn, type MastodonStandInOptions } from '../../helpers/mastodon';
import type { RpcClient } from '../../helpers/host';
import { test } from '../fixtures';

/** The stand-in, started before the file's tests (`.server` is set in beforeAll). */
export function useMastodonStandIn(options: MastodonStandInOptions = {}): { server: MastodonStandIn } {
  const holder = {} as { server: MastodonStandIn };
  test.beforeAll(async () => {
    holder.server = await startMastodonStandIn({ mediaProcessingPolls: 0, ...options });
  });
  test.afterAll(async () => {
    await holder.server?.close();
    holder.server?.assertNoViolations();
  });
  return holder;
}

/** A workspace with the stand-in's account connected through the contract, as the UI's OAuth flow does it. */
export async function workspaceWithMastodon(rpc: RpcClient, instance: string, name: string, timeZone?: string): Promise<{ workspace: { id: string }; account: { id: string } }> {
  const workspace = await rpc.value<{ id: string }>('workspace.create', timeZone ? { name, timeZone } : { name });
  const begin = await rpc.value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId: workspace.id, instance });
  const completing = rpc.value<{ id: string }>('account.completeMastodon', { attemptId: begin.attemptId });
  await fetch(begin.authorizeUrl); // The instance approves at once and sends the browser back to Tribune's listener.
  return { workspace, account: await completing };
}
