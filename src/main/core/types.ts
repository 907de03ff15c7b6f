import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/result';

export type CoreEventListener = (event: EventName, payload: unknown) => void;

/** The application, as both hosts (Electron's ipcMain and the web host) see it. */
export interface Core {
  /** Parses the input against the contract, runs the handler, never throws. */
  handle(command: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreEventListener): () => void;
  close(): Promise<void>;
  readonly dataDir: string;
}

export interface CoreOptions {
  dataDir: string;
  host: 'desktop' | 'web';
  /** The OS language as the host sees it ("fr-FR", "en-US"...). */
  systemLocale?: string;
  version?: string;
  clock?: import('./clock').Clock;
  /** The OS keychain; omit for the real one (keytar), pass one in tests. */
  keychain?: import('./vault/keychain').KeychainPort;
  /** Caps the database at this many pages; tests use it to simulate a full disk. */
  maxDatabasePages?: number;
}
