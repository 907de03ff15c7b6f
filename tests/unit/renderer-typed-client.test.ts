import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/shared/result';
import { createTypedClient } from '../../src/renderer/client/typedClient';
import type { Transport } from '../../src/renderer/client/types';

const WS = '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const workspace = { id: WS, name: 'Café', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: '2026-01-02T03:04:05.000Z' };

function fakeTransport(answer: (command: string, input: unknown) => Promise<Result<unknown>> | Result<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const invoke = vi.fn(async (command: string, input: unknown) => answer(command, input));
  const transport: Transport = {
    host: 'web',
    invoke: invoke as Transport['invoke'],
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    connectionState: () => 'online',
    onConnectionState: () => () => {},
  };
  return { transport, invoke, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

const silent = () => {};

describe('typed client', () => {
  it('returns outputs that match the contract', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, value: [workspace] }));
    const client = createTypedClient(transport, silent);
    await expect(client.invoke('workspace.list', {})).resolves.toEqual({ ok: true, value: [workspace] });
  });

  it('turns an output that breaks the contract into an internal error', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, value: [{ ...workspace, color: 'chartreuse' }] }));
    const result = await createTypedClient(transport, silent).invoke('workspace.list', {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('internal');
  });

  it('refuses an input that breaks the contract without sending it', async () => {
    const { transport, invoke } = fakeTransport(() => ({ ok: true, value: workspace }));
    const result = await createTypedClient(transport, silent).invoke('workspace.rename', { id: WS, name: '   ' });
    expect(invoke).not.toHaveBeenCalled();
    expect(!result.ok && result.error.code).toBe('invalid_input');
    expect(!result.ok && result.error.issues?.[0]?.message).toBe('name_required');
  });

  it("passes the core's failures through", async () => {
    const failure = { ok: false as const, error: { code: 'not_found' as const, message: 'gone' } };
    const { transport } = fakeTransport(() => failure);
    await expect(createTypedClient(transport, silent).invoke('draft.get', { id: WS })).resolves.toEqual(failure);
  });

  it('turns a transport that throws into an error result', async () => {
    const { transport } = fakeTransport(() => Promise.reject(new Error('ipc broke')));
    const result = await createTypedClient(transport, silent).invoke('workspace.list', {});
    expect(!result.ok && result.error).toEqual({ code: 'internal', message: 'Error: ipc broke' });
  });

  it('delivers event payloads that match the contract and drops the others', () => {
    const { transport, emit } = fakeTransport(() => ({ ok: true, value: null }));
    const listener = vi.fn();
    createTypedClient(transport, silent).on('drafts.changed', listener);
    emit('drafts.changed', { workspaceId: 'not-a-uuid' });
    emit('drafts.changed', { workspaceId: WS });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ workspaceId: WS });
  });
});
