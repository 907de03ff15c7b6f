/**
 * A small WebSocket client of Tribune's contract (src/shared/contract.ts), speaking to the
 * web host the way the renderer's web transport does: same origin, the launch token in the
 * query string, one JSON request per command, answers matched by id.
 */
import WebSocket from 'ws';
import type { CommandInput, CommandName, CommandOutput, RpcMessage } from '../src/shared/contract';
import type { Result } from '../src/shared/result';

export interface ContractClient {
  invoke<K extends CommandName>(command: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** The command's value, or an Error carrying the contract's error code and message. */
  value<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  close(): void;
}

/** `url` is what the host prints: http://127.0.0.1:<port>/#token=<secret>. */
export function connectContract(url: string, timeoutMs = 60_000): Promise<ContractClient> {
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  const socket = new WebSocket(`ws://${parsed.host}/rpc?token=${encodeURIComponent(token)}`, { origin: parsed.origin });
  const pending = new Map<number, { done: (r: Result<unknown>) => void; fail: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  socket.on('message', (data: WebSocket.RawData) => {
    const message = JSON.parse(data.toString()) as RpcMessage;
    if (message.kind !== 'result') return;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.delete(message.id);
    waiting.done(message.result);
  });
  socket.on('close', () => {
    for (const { fail, timer } of pending.values()) {
      clearTimeout(timer);
      fail(new Error('Tribune closed the connection before answering'));
    }
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => reject(new Error(`Tribune refused the connection (HTTP ${res.statusCode})`)));
    socket.once('error', reject);
    socket.once('open', () => {
      socket.on('error', () => undefined); // reported through 'close'
      const client: ContractClient = {
        invoke(command, input) {
          const id = nextId++;
          return new Promise((done, fail) => {
            if (socket.readyState !== WebSocket.OPEN) return fail(new Error('the connection to Tribune is closed'));
            const timer = setTimeout(() => {
              pending.delete(id);
              fail(new Error(`${command}: no answer from Tribune within ${timeoutMs / 1000} s`));
            }, timeoutMs);
            pending.set(id, { done: done as (r: Result<unknown>) => void, fail, timer });
            socket.send(JSON.stringify({ id, command, input }));
          });
        },
        async value(command, input) {
          const result = await client.invoke(command, input);
          if (!result.ok) throw Object.assign(new Error(`${command}: ${result.error.message}`), { code: result.error.code });
          return result.value;
        },
        close: () => socket.close(),
      };
      resolve(client);
    });
  });
}
