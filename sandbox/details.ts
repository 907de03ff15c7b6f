/** What a running sandbox writes to <sandbox folder>/sandbox.json (removed when it stops). */
export interface SandboxDetails {
  pid: number;
  startTicks: number | undefined;
  startedAt: string;
  sandboxDir: string;
  /** Tribune's data folder. */
  dataDir: string;
  app: 'web' | 'desktop';
  url: string | null;
  pdsUrl: string;
  appviewUrl: string;
  plcUrl: string;
  ozoneUrl: string;
  postgresUrl: string;
  postgres: { source: string; dir: string | null };
  /** Every TCP port the sandbox listens on (network, PostgreSQL, Tribune's web host). */
  ports: number[];
  /** Processes the sandbox started, with their start time (to recognise them later). */
  processes: { pid: number; startTicks: number | undefined; what: string }[];
  brand: { handle: string; did: string; password: string; appPassword: string; workspace: string };
  community: { count: number; password: string; handles: string[] };
  /** Milliseconds from the supervisor's start. */
  timings: Record<string, number>;
}
