import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload, TribuneBridge } from '../../shared/contract';
import type { AppError, ErrorCode } from '../../shared/result';

/**
 * Errors the renderer's client can produce on its own, on top of the core's codes:
 * - disconnected: the request could not reach the core (or its answer was lost) and
 *   was not retried because retrying it might apply it twice.
 */
export type ClientErrorCode = ErrorCode | 'disconnected';
export interface ClientError extends Omit<AppError, 'code'> {
  code: ClientErrorCode;
}
export type ClientResult<T> = { ok: true; value: T } | { ok: false; error: ClientError };
export type CommandClientResult<K extends CommandName> = ClientResult<CommandOutput<K>>;

/** What a transport reports about its link to the core. */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'no_token';

/** A TribuneBridge plus what the web transport can say about its connection. */
export interface Transport extends TribuneBridge {
  readonly host: 'desktop' | 'web';
  connectionState(): ConnectionState;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}

/** The typed client every store uses. */
export interface TribuneClient {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandClientResult<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly host: 'desktop' | 'web';
  connectionState(): ConnectionState;
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}

export const disconnectedError = (message: string): ClientError => ({ code: 'disconnected', message });
