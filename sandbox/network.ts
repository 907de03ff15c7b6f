/**
 * A real, local Bluesky network, for the sandbox (`npm run demo`) and integration tests
 * (tests/helpers/bluesky re-exports it): the reference PLC directory, PDS, AppView (with
 * its data plane and bsync) and Ozone from @atproto/dev-env, all in this process, backed by
 * a throwaway PostgreSQL cluster (sandbox/postgres.ts: the embedded one from npm by default).
 *
 *   const bsky = await startBlueskyNetwork();
 *   const brand = await bsky.createAccount('brand.test');
 *   const appPassword = await bsky.createAppPassword(brand, 'tribune');
 *   ... new AtpAgent({ service: bsky.pdsUrl }).login({ identifier: brand.handle, password: appPassword })
 *   await bsky.processAll(); // let the AppView index everything before reading from it
 *   await bsky.close();
 *
 * - PostgreSQL: a fresh cluster from sandbox/postgres.ts, or `DB_POSTGRES_URL` /
 *   `options.dbPostgresUrl` when given (then the run's schemas are dropped on close).
 * - Every server listens on 127.0.0.1 only (see loopback.ts); the returned URLs use
 *   127.0.0.1. dev-env itself, and the DID documents it publishes, name the services
 *   `http://localhost:<port>`, so clients that follow a DID document (AtpAgent switches to
 *   the PDS named in the session's DID document) talk to localhost, which is loopback.
 * - Handles under `.test` (and `.example`) belong to the PDS. dev-env replaces the PDS's
 *   and AppView's handle resolvers so those handles resolve against the local PDS
 *   (`/.well-known/atproto-did` with the handle as Host header), never through DNS.
 * - TMPDIR points at a per-run folder from start until close (the PDS keeps its account
 *   databases and blobs under the temp dir); the folder is removed on close.
 * - "TimeoutNegativeWarning: -N is a negative number" in a run's output comes from the PDS,
 *   not from Tribune or a test: its login pads every createSession to 350 ms
 *   (@atproto/pds account-manager.js: `wait(350 - elapsed)`), and on a loaded machine the
 *   password check alone takes longer; Node then waits 1 ms. Harmless; left as it is rather
 *   than patching the reference server or the process's timers.
 *
 * Measured on the 2-core dev machine: see tests/integration/bluesky-network.test.ts.
 */
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { Database, TestNetwork } from '@atproto/dev-env';
import { forceLoopback, LOOPBACK } from './loopback';
import { freePort, startPostgres, type PostgresBinaries, type PostgresCluster, type StartPostgresOptions } from './postgres';

export interface BlueskyNetworkOptions {
  /** Use this PostgreSQL instead of starting a throwaway cluster (default: $DB_POSTGRES_URL). */
  dbPostgresUrl?: string;
  /** Schema name suffix, letters and underscores only (default: random letters). */
  schema?: string;
  /** Folder the run's temp folders (TMPDIR, PostgreSQL's cluster) are created in (default
   * os.tmpdir()). When running as root it must be traversable by PostgreSQL's OS user. */
  baseDir?: string;
  /** Options for the throwaway PostgreSQL cluster (binaries, settings...). */
  postgres?: StartPostgresOptions;
  /** Image URLs (avatars, post images) point at the AppView's own /img/ on 127.0.0.1 rather
   * than dev-env's made-up public CDN (https://bsky.public.url), which a client would try to
   * reach on the internet. Default false. */
  localImages?: boolean;
}

export interface BlueskyAccount {
  did: string;
  handle: string;
  email: string;
  /** The account's main password. */
  password: string;
  accessJwt: string;
  refreshJwt: string;
}

export interface BlueskyNetwork {
  /** PDS (accounts, sessions, app passwords, writes; proxies app.bsky.* reads to the AppView). */
  readonly pdsUrl: string;
  /** AppView (app.bsky.* reads, served directly). */
  readonly appviewUrl: string;
  /** PLC directory (DID documents). */
  readonly plcUrl: string;
  /** Ozone moderation service. */
  readonly ozoneUrl: string;
  readonly postgresUrl: string;
  /** The PostgreSQL binaries used (undefined when an external server was given). */
  readonly postgresBinaries: PostgresBinaries | undefined;
  /** The underlying dev-env network (pds, bsky, plc, ozone, bsync, seed client...). */
  readonly network: TestNetwork;
  /** TCP ports this network listens on (all on 127.0.0.1), PostgreSQL's included. */
  readonly ports: readonly number[];
  /** Child processes (PostgreSQL's postmaster when the harness started it). */
  readonly pids: readonly number[];
  /** The per-run temp folder (TMPDIR while the network runs). */
  readonly tmpDir: string;
  /** Every folder the harness created (tmpDir, PostgreSQL's cluster); all removed on close. */
  readonly tempDirs: readonly string[];
  /** Milliseconds start-up took (PostgreSQL included). */
  readonly startupMs: number;
  /** Creates an account on the PDS; the password defaults to a random one. The handle must
   * end in `.test` and its first label must not be on the PDS's reserved list (e.g.
   * `friend.test` and `admin.test` are refused with "Reserved handle"). */
  createAccount(handle: string, password?: string): Promise<BlueskyAccount>;
  /** Creates an app password for the account and returns it. */
  createAppPassword(account: Pick<BlueskyAccount, 'accessJwt'>, name: string): Promise<string>;
  /** Waits until the PDS's background work, Ozone and the AppView's indexing have caught up. */
  processAll(): Promise<void>;
  /** Stops everything, removes the temp folders. Idempotent. */
  close(): Promise<void>;
}

const SCHEMA_PATTERN = /^[A-Za-z_]+$/;

function randomLetters(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
}

function loopbackUrl(url: string): string {
  const u = new URL(url);
  if (u.hostname === 'localhost') u.hostname = LOOPBACK;
  return u.origin;
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Closes servers that are still listening (after a failed start, or as a safety net). */
async function closeServers(servers: Iterable<net.Server>): Promise<void> {
  await Promise.all(
    [...servers]
      .filter((s) => s.listening)
      .map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            const withConnections = s as net.Server & { closeAllConnections?: () => void };
            withConnections.closeAllConnections?.();
          }),
      ),
  );
}

export async function startBlueskyNetwork(options: BlueskyNetworkOptions = {}): Promise<BlueskyNetwork> {
  const startedAt = Date.now();
  const schema = options.schema ?? randomLetters(10);
  if (!SCHEMA_PATTERN.test(schema)) throw new Error(`schema must match ${SCHEMA_PATTERN}: ${schema}`);

  const externalUrl = options.dbPostgresUrl ?? process.env.DB_POSTGRES_URL;
  // PostgreSQL first, while TMPDIR is still the shared one (the postgres user must be able
  // to reach its folder).
  const postgres: PostgresCluster | undefined = externalUrl
    ? undefined
    : await startPostgres({ ...(options.baseDir ? { baseDir: options.baseDir } : {}), ...options.postgres });
  const postgresUrl = externalUrl ?? postgres!.url;

  const previousTmpdir = process.env.TMPDIR;
  const previousRedisHost = process.env.REDIS_HOST;
  let tmpDir: string | undefined;
  const servers = new Set<net.Server>();
  let network: TestNetwork;
  try {
    tmpDir = fs.mkdtempSync(path.join(options.baseDir ?? os.tmpdir(), 'tribune-bsky-'));
    process.env.TMPDIR = tmpDir;
    // TestNetwork asserts REDIS_HOST is set; nothing contacts it.
    process.env.REDIS_HOST = previousRedisHost ?? `${LOOPBACK}:6379`;
    const stopForcing = forceLoopback((server) => servers.add(server));
    try {
      const appviewPort = options.localImages ? await freePort() : undefined;
      network = await TestNetwork.create({
        dbPostgresUrl: postgresUrl,
        dbPostgresSchema: schema,
        ...(appviewPort ? { bsky: { port: appviewPort, publicUrl: `http://${LOOPBACK}:${appviewPort}` } } : {}),
      });
    } finally {
      stopForcing();
      setEnv('REDIS_HOST', previousRedisHost);
    }
  } catch (err) {
    await closeServers(servers);
    setEnv('TMPDIR', previousTmpdir);
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    await postgres?.stop();
    throw err;
  }

  const runDir = tmpDir;
  const ports = [...servers].filter((s) => s.listening).map((s) => (s.address() as net.AddressInfo).port);
  if (postgres) ports.push(postgres.port);
  const pdsUrl = loopbackUrl(network.pds.url);
  const startupMs = Date.now() - startedAt;

  const createAccount = async (handle: string, password?: string): Promise<BlueskyAccount> => {
    const pass = password ?? `pw-${randomBytes(12).toString('hex')}`;
    const email = `${handle.replace(/[^A-Za-z0-9.-]/g, '-')}@example.com`;
    const agent = new AtpAgent({ service: pdsUrl });
    const { data } = await agent.com.atproto.server.createAccount({ handle, email, password: pass });
    return { did: data.did, handle: data.handle, email, password: pass, accessJwt: data.accessJwt, refreshJwt: data.refreshJwt };
  };

  const createAppPassword = async (account: Pick<BlueskyAccount, 'accessJwt'>, name: string): Promise<string> => {
    const agent = new AtpAgent({ service: pdsUrl });
    const { data } = await agent.com.atproto.server.createAppPassword(
      { name },
      { encoding: 'application/json', headers: { authorization: `Bearer ${account.accessJwt}` } },
    );
    return data.password;
  };

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const errors: unknown[] = [];
      const attempt = async (fn: () => Promise<void>) => {
        try {
          await fn();
        } catch (err) {
          errors.push(err);
        }
      };
      await attempt(() => network.close());
      await attempt(() => closeServers(servers));
      if (externalUrl) await attempt(() => dropSchemas(postgresUrl, schema));
      if (postgres) await attempt(() => postgres.stop());
      setEnv('TMPDIR', previousTmpdir);
      fs.rmSync(runDir, { recursive: true, force: true });
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'closing the Bluesky network failed');
    })());

  return {
    pdsUrl,
    appviewUrl: loopbackUrl(network.bsky.url),
    plcUrl: loopbackUrl(network.plc.url),
    ozoneUrl: loopbackUrl(network.ozone.url),
    postgresUrl,
    postgresBinaries: postgres?.binaries,
    network,
    ports,
    pids: postgres ? [postgres.pid] : [],
    tmpDir: runDir,
    tempDirs: postgres ? [runDir, postgres.dir] : [runDir],
    startupMs,
    createAccount,
    createAppPassword,
    processAll: () => network.processAll(),
    close,
  };
}

/** Drops the schemas TestNetwork created in an external database. */
async function dropSchemas(url: string, schema: string): Promise<void> {
  const db = new Database({ url, schema: 'public' });
  try {
    for (const name of [`appview_${schema}`, `bsync_${schema}`, `ozone_${schema}`]) {
      await db.pool.query(`drop schema if exists "${name}" cascade`);
    }
  } finally {
    await db.close();
  }
}
