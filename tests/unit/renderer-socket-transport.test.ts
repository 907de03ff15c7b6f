import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSocketTransport, defaultBackoff, isSafeToResend, type SocketLike } from '../../src/renderer/client/socketTransport';
import type { ConnectionState } from '../../src/renderer/client/types';

class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.closed) throw new Error('socket closed');
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.onclose?.({ code: 1000 });
  }
  open() {
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  /** The host went away (restart, crash). */
  drop() {
    this.closed = true;
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
  requests(): { id: number; command: string; input: unknown }[] {
    return this.sent.map((s) => JSON.parse(s));
  }
}

const URL = 'ws://127.0.0.1:4000/rpc?token=abc';
const ok = (value: unknown) => ({ ok: true, value });
const draftInput = { id: '6f0c7f2e-1c1a-4f51-9a38-2b1b8d1f9a11', workspaceId: '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10', text: 'hi' };

function setup(options: { offlineTimeoutMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const transport = createSocketTransport({
    url: URL,
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    offlineTimeoutMs: options.offlineTimeoutMs ?? 15_000,
  });
  transport.onConnectionState((s) => states.push(s));
  const latest = () => sockets[sockets.length - 1]!;
  return { transport, sockets, states, latest };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('web transport (WebSocket to the host)', () => {
  it('connects to the given /rpc URL and reports connecting, then online', () => {
    const { transport, latest, states } = setup();
    expect(latest().url).toBe(URL);
    expect(transport.connectionState()).toBe('connecting');
    latest().open();
    expect(transport.connectionState()).toBe('online');
    expect(states).toEqual(['online']);
  });

  it('sends {id, command, input} and resolves with the result carrying the same id', async () => {
    const { transport, latest } = setup();
    latest().open();
    const answer = transport.invoke('workspace.list', {});
    const [request] = latest().requests();
    expect(request).toEqual({ id: expect.any(Number), command: 'workspace.list', input: {} });
    latest().receive({ kind: 'result', id: request!.id + 1000, result: ok(['not mine']) });
    latest().receive({ kind: 'result', id: request!.id, result: ok([]) });
    await expect(answer).resolves.toEqual(ok([]));
  });

  it('keeps requests made before the socket opens and sends them once it does', async () => {
    const { transport, latest } = setup();
    const answer = transport.invoke('app.info', {});
    expect(latest().sent).toHaveLength(0);
    latest().open();
    const [request] = latest().requests();
    expect(request?.command).toBe('app.info');
    latest().receive({ kind: 'result', id: request!.id, result: ok({ v: 1 }) });
    await expect(answer).resolves.toEqual(ok({ v: 1 }));
  });

  it('delivers events to the listeners of that event only, until they unsubscribe', () => {
    const { transport, latest } = setup();
    latest().open();
    const drafts = vi.fn();
    const workspaces = vi.fn();
    const stop = transport.on('drafts.changed', drafts);
    transport.on('workspaces.changed', workspaces);
    latest().receive({ kind: 'event', event: 'drafts.changed', payload: { workspaceId: 'w' } });
    expect(drafts).toHaveBeenCalledWith({ workspaceId: 'w' });
    expect(workspaces).not.toHaveBeenCalled();
    stop();
    latest().receive({ kind: 'event', event: 'drafts.changed', payload: { workspaceId: 'w' } });
    expect(drafts).toHaveBeenCalledTimes(1);
  });

  it('ignores messages that are not JSON or not in the protocol', () => {
    const { transport, latest } = setup();
    latest().open();
    const listener = vi.fn();
    transport.on('drafts.changed', listener);
    latest().onmessage?.({ data: 'not json' });
    latest().receive({ kind: 'event', event: 'made.up', payload: {} });
    latest().receive(42);
    expect(listener).not.toHaveBeenCalled();
    expect(transport.connectionState()).toBe('online');
  });

  it('goes offline when the socket drops and reconnects with growing delays', () => {
    const { transport, sockets, latest, states } = setup();
    latest().open();
    latest().drop();
    expect(transport.connectionState()).toBe('offline');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(defaultBackoff(0));
    expect(sockets).toHaveLength(2);
    latest().drop(); // the host is still down
    vi.advanceTimersByTime(defaultBackoff(1) - 1);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(transport.connectionState()).toBe('online');
    expect(states).toEqual(['online', 'offline', 'online']);
  });

  it('starts the backoff again after a successful reconnection', () => {
    const { sockets, latest } = setup();
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(defaultBackoff(0));
    latest().drop();
    vi.advanceTimersByTime(defaultBackoff(1));
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(defaultBackoff(0));
    expect(sockets).toHaveLength(4);
  });

  it('uses exponential backoff capped at a few seconds', () => {
    expect([0, 1, 2, 3, 4, 10].map(defaultBackoff)).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  });

  it('re-sends a safe request that was in flight when the socket dropped, and resolves it with the new answer', async () => {
    const { transport, latest } = setup();
    latest().open();
    const answer = transport.invoke('draft.save', draftInput);
    const [first] = latest().requests();
    latest().drop();
    vi.advanceTimersByTime(defaultBackoff(0));
    latest().open();
    const [again] = latest().requests();
    expect(again).toEqual(first);
    latest().receive({ kind: 'result', id: again!.id, result: ok({ saved: true }) });
    await expect(answer).resolves.toEqual(ok({ saved: true }));
  });

  it('fails an unsafe request that was in flight when the socket dropped, with a clear error', async () => {
    const { transport, latest } = setup();
    latest().open();
    const answer = transport.invoke('draft.delete', { id: draftInput.id });
    latest().drop();
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('disconnected');
    expect(!result.ok && result.error.message).toMatch(/draft\.delete/);
    vi.advanceTimersByTime(defaultBackoff(0));
    latest().open();
    expect(latest().sent).toHaveLength(0); // never sent twice
  });

  it('fails a request that waited too long for the connection instead of losing it silently', async () => {
    const { transport, latest } = setup({ offlineTimeoutMs: 5000 });
    latest().drop();
    const answer = transport.invoke('draft.save', draftInput);
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('disconnected');
  });

  it('does not time out a request once it was sent', async () => {
    const { transport, latest } = setup({ offlineTimeoutMs: 1000 });
    const answer = transport.invoke('workspace.list', {});
    latest().open();
    await vi.advanceTimersByTimeAsync(5000);
    const [request] = latest().requests();
    latest().receive({ kind: 'result', id: request!.id, result: ok([]) });
    await expect(answer).resolves.toEqual(ok([]));
  });

  it("passes on the core's error results untouched", async () => {
    const { transport, latest } = setup();
    latest().open();
    const answer = transport.invoke('draft.get', { id: draftInput.id });
    const [request] = latest().requests();
    const failure = { ok: false, error: { code: 'not_found', message: 'No such draft' } };
    latest().receive({ kind: 'result', id: request!.id, result: failure });
    await expect(answer).resolves.toEqual(failure);
  });

  it('close() fails what is pending and stops reconnecting', async () => {
    const { transport, sockets, latest } = setup();
    latest().open();
    const answer = transport.invoke('workspace.list', {});
    transport.close();
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('which requests may be sent twice', () => {
  it('reads and id-keyed upserts are safe; deletions and vault setup are not', () => {
    expect(isSafeToResend('draft.list', { workspaceId: 'w' })).toBe(true);
    expect(isSafeToResend('draft.save', draftInput)).toBe(true);
    expect(isSafeToResend('settings.update', { theme: 'dark' })).toBe(true);
    expect(isSafeToResend('draft.delete', { id: 'x' })).toBe(false);
    expect(isSafeToResend('draft.restore', { id: 'x' })).toBe(false);
    expect(isSafeToResend('workspace.delete', { id: 'x' })).toBe(false);
    expect(isSafeToResend('vault.setupPassphrase', { passphrase: 'long enough' })).toBe(false);
  });

  it('never resends what could publish, decide or connect twice', () => {
    const draftId = '00000000-0000-4000-8000-000000000001';
    expect(isSafeToResend('post.publishNow', { draftId })).toBe(false);
    expect(isSafeToResend('post.addToQueue', { draftId })).toBe(false);
    expect(isSafeToResend('post.retryTarget', { targetId: draftId })).toBe(false);
    expect(isSafeToResend('post.resolveMissed', { targetIds: [draftId], decision: 'skip' })).toBe(false);
    expect(isSafeToResend('account.connectBluesky', { workspaceId: draftId, identifier: 'a', appPassword: 'b' })).toBe(false);
    expect(isSafeToResend('account.completeMastodon', { attemptId: draftId, code: 'abc' })).toBe(false);
    expect(isSafeToResend('media.import', { workspaceId: draftId, fileName: 'a.png', mime: 'image/png', dataBase64: '' })).toBe(false);
    // Waiting for the browser, reading, validating and (re)scheduling at a given time can start again.
    expect(isSafeToResend('account.completeMastodon', { attemptId: draftId })).toBe(true);
    expect(isSafeToResend('post.validate', { draftId })).toBe(true);
    expect(isSafeToResend('post.schedule', { draftId, at: '2026-01-01T00:00:00.000Z', timeZone: 'UTC' })).toBe(true);
  });

  it('a create is safe only when the caller chose the id', () => {
    expect(isSafeToResend('workspace.create', { id: 'x', name: 'A' })).toBe(true);
    expect(isSafeToResend('workspace.create', { name: 'A' })).toBe(false);
    expect(isSafeToResend('draft.duplicate', { id: 'x', newId: 'y' })).toBe(true);
    expect(isSafeToResend('draft.duplicate', { id: 'x' })).toBe(false);
  });
});
