import type { EventName } from '../../shared/contract';
import type { Media } from '../../shared/publishing';
import type { Result } from '../../shared/result';

export type CoreEventListener = (event: EventName, payload: unknown) => void;

/** The application, as both hosts (Electron's ipcMain and the web host) see it. */
export interface Core {
  /** Parses the input against the contract, runs the handler, never throws. */
  handle(command: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: CoreEventListener): () => void;
  close(): Promise<void>;
  readonly dataDir: string;
  /**
   * Images a host received as a file (the web host's upload route streams the bytes to
   * `incomingDir()` first): the core checks the file, then moves it into the media folder.
   * The file is gone afterwards, taken or refused.
   */
  readonly mediaUploads: {
    incomingDir(): string;
    import(input: { workspaceId: string; fileName: string }, file: string): Promise<Result<Media>>;
  };
  /** The computer woke up or came back online: due posts go now. */
  wake(reason: 'resume' | 'online'): void;
  /** A remote image of the board's cache by key (the hosts serve it at /remote-image/<key>); null: unknown or unavailable. */
  remoteImage(key: string): Promise<{ file: string; mime: string } | null>;
}

export interface CoreOptions {
  dataDir: string;
  host: 'desktop' | 'web';
  /**
   * Checks every answer against the contract before it leaves (the default: tests, benches and
   * other callers in the process). A host whose client checks what it receives (the renderer's
   * typed client) turns it off, so an answer is not parsed twice on its way.
   */
  checkAnswers?: boolean;
  /** The OS language as the host sees it ("fr-FR", "en-US"...). */
  systemLocale?: string;
  version?: string;
  clock?: import('./clock').Clock;
  /** The OS keychain; omit for the real one (keytar), pass one in tests. */
  keychain?: import('./vault/keychain').KeychainPort;
  /** Caps the database at this many pages; tests use it to simulate a full disk. */
  maxDatabasePages?: number;
  /** Where Bluesky handles resolve and which AppView reads (tests and the sandbox use local ones). */
  network?: import('./connectors/types').NetworkOptions;
  /** The local sandbox network of `npm run demo`: the app says so. */
  sandbox?: boolean;
  /** The sandbox's Bluesky server (PDS): the form to add an account prefills it. */
  sandboxPdsUrl?: string;
  /** Opens a page in the system browser (desktop); the web host leaves it to the page. */
  openBrowser?: (url: string) => void;
  /** Where the core's log lines go, scrubbed (stderr by default; tests read them). */
  logSink?: (line: string) => void;
  /** Tests drive the CalDAV sync's timer (every five minutes otherwise). */
  caldavTimers?: import('./scheduler/ports').TimerPort;
  /** Tests put themselves between the CalDAV sync and its server (a teammate's edit at a given moment). */
  caldavFetch?: typeof fetch;
  /** Tests shorten the scheduler's delays, or hold its timers (the due timer, the offline probe). */
  publishing?: {
    retry?: { baseMs: number; maxMs: number };
    maxAttempts?: number;
    publishTimeoutMs?: number;
    concurrencyPerNetwork?: number;
    timers?: import('./scheduler/ports').TimerPort;
  };
}
