import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { RpcMessage } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST_BUNDLE = path.join(ROOT, 'dist', 'web', 'host.mjs');

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  origin: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
}

/** Starts the built web host (dist/web/host.mjs) as a real process and waits for its URL. */
export async function startHost(options: { dataDir: string; port?: number; env?: NodeJS.ProcessEnv; args?: string[] }): Promise<RunningHost> {
  // Tests never fetch link previews from the web.
  // Tests' networks (and their images) are on 127.0.0.1.
  const args = [HOST_BUNDLE, '--data-dir', options.dataDir, '--port', String(options.port ?? 0), '--no-link-cards', '--allow-private-images', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LANG: 'fr_FR.UTF-8', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Tribune is ready: open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: new URLSearchParams(parsed.hash.slice(1)).get('token')!,
    origin: parsed.origin,
    process: child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface RpcClient {
  invoke<T = unknown>(command: string, input: unknown): Promise<Result<T>>;
  value<T = unknown>(command: string, input: unknown): Promise<T>;
  events: { event: string; payload: unknown }[];
  socket: WebSocket;
  close(): void;
}

/** A WebSocket client of the contract, as the renderer's web transport speaks it. */
export function connectRpc(host: Pick<RunningHost, 'port' | 'token' | 'origin'>, overrides: { origin?: string; token?: string | null; hostHeader?: string } = {}): Promise<RpcClient> {
  const token = overrides.token === undefined ? host.token : overrides.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${query}`, {
    origin: overrides.origin ?? host.origin,
    ...(overrides.hostHeader ? { headers: { Host: overrides.hostHeader } } : {}),
  });
  const pending = new Map<number, { done: (r: Result<unknown>) => void; fail: (e: Error) => void }>();
  const events: RpcClient['events'] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as RpcMessage;
    if (message.kind === 'result') {
      pending.get(message.id)?.done(message.result);
      pending.delete(message.id);
    } else events.push({ event: message.event, payload: message.payload });
  });
  socket.on('close', () => {
    for (const { fail } of pending.values()) fail(new Error('socket closed before the answer'));
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () => {
      const client: RpcClient = {
        socket,
        events,
        invoke<T>(command: string, input: unknown) {
          const id = nextId++;
          return new Promise<Result<T>>((done, fail) => {
            if (socket.readyState !== WebSocket.OPEN) return fail(new Error('socket is not open'));
            pending.set(id, { done: done as (r: Result<unknown>) => void, fail });
            socket.send(JSON.stringify({ id, command, input }));
          });
        },
        async value<T>(command: string, input: unknown) {
          const result = await client.invoke<T>(command, input);
          if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
          return result.value;
        },
        close: () => socket.close(),
      };
      resolve(client);
    });
  });
}
