/** Driving a real core from a test: a command's value (or its refusal), and a Mastodon account connected to a stand-in. */
import type { Core } from '../../src/main/core/types';
import type { AppError } from '../../src/shared/result';

export async function value<T>(core: Core, command: string, input: unknown): Promise<T> {
  const result = await core.handle(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function refusal(core: Core, command: string, input: unknown): Promise<AppError> {
  const result = await core.handle(command, input);
  if (result.ok) throw new Error(`${command} succeeded`);
  return result.error;
}

/** A new workspace with one account of the stand-in at `instanceUrl`, connected through its OAuth page. */
export async function workspaceWithMastodon(core: Core, instanceUrl: string, name = 'Port-Lumière'): Promise<{ ws: { id: string }; account: { id: string } }> {
  const ws = await value<{ id: string }>(core, 'workspace.create', { name });
  const { attemptId, authorizeUrl } = await value<{ attemptId: string; authorizeUrl: string }>(core, 'account.beginMastodon', { workspaceId: ws.id, instance: instanceUrl });
  const completing = value<{ id: string }>(core, 'account.completeMastodon', { attemptId });
  await fetch(authorizeUrl);
  return { ws, account: await completing };
}
