import type { ZodType } from 'zod';
import { commands, events, type CommandInput, type CommandName, type CommandOutput, type EventName, type EventPayload } from '../../shared/contract';
import type { ClientError, CommandClientResult, Transport, TribuneClient } from './types';

const asClientError = (error: unknown): ClientError => {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) return error as ClientError;
  return { code: 'internal', message: String(error) };
};

/**
 * Wraps a transport with the contract: inputs are checked before leaving, outputs and
 * event payloads are checked on arrival, so the UI only ever sees well-formed values.
 */
export function createTypedClient(transport: Transport, log: (msg: string, detail?: unknown) => void = console.warn): TribuneClient {
  return {
    host: transport.host,
    connectionState: () => transport.connectionState(),
    onConnectionState: (listener) => transport.onConnectionState(listener),

    async invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandClientResult<K>> {
      const spec = commands[name] as { input: ZodType; output: ZodType };
      const checkedInput = spec.input.safeParse(input);
      if (!checkedInput.success) {
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: checkedInput.error.issues.map((i) => i.message).join('; '),
            issues: checkedInput.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        };
      }
      let result: Awaited<ReturnType<Transport['invoke']>>;
      try {
        result = await transport.invoke(name, input);
      } catch (error) {
        return { ok: false, error: asClientError(error) };
      }
      if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
        log(`[tribune] malformed answer to ${name}`, result);
        return { ok: false, error: { code: 'internal', message: `Malformed answer to ${name}` } };
      }
      if (!result.ok) return { ok: false, error: asClientError(result.error) };
      const output = spec.output.safeParse(result.value);
      if (!output.success) {
        log(`[tribune] answer to ${name} does not match the contract`, output.error.issues);
        return { ok: false, error: { code: 'internal', message: `Unexpected answer to ${name}` } };
      }
      return { ok: true, value: output.data as CommandOutput<K> };
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const schema = events[event] as ZodType;
      return transport.on(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          log(`[tribune] event ${event} does not match the contract`, parsed.error.issues);
          return;
        }
        listener(parsed.data as EventPayload<E>);
      });
    },
  };
}
