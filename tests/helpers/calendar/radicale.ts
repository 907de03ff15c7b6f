/**
 * A real CalDAV server for the tests: Debian's Radicale on 127.0.0.1 and a free port, with a
 * temporary storage folder and plain htpasswd users. `npm run setup` installs it (apt: radicale).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../temp';

export interface Radicale {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts again on the same port and storage (the server "comes back"). */
  start(): Promise<void>;
  /** Creates a calendar collection and returns its URL. */
  makeCalendar(user: string, password: string, name: string): Promise<string>;
}

export const auth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`radicale exited: ${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`radicale did not start: ${log()}`);
}

/** `dir`: its storage folder (by default a temporary one removed after each vitest test; Playwright specs give their own). */
export async function startRadicale(users: Record<string, string>, dir: string = tempDir('tribune-radicale-')): Promise<Radicale> {
  const port = await freePort();
  const htpasswd = path.join(dir, 'users');
  fs.writeFileSync(htpasswd, Object.entries(users).map(([u, p]) => `${u}:${p}`).join('\n') + '\n');
  const config = path.join(dir, 'config');
  fs.writeFileSync(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${htpasswd}`,
      'htpasswd_encryption = plain',
      '[storage]',
      `filesystem_folder = ${path.join(dir, 'collections')}`,
      '[rights]',
      'type = owner_only',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';
  const start = async () => {
    child = spawn('radicale', ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitUntilUp(url, child, () => output);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return {
    url,
    port,
    start,
    stop,
    async makeCalendar(user, password, name) {
      const collection = `${url}/${user}/${name}/`;
      const response = await fetch(collection, {
        method: 'MKCALENDAR',
        headers: { authorization: auth(user, password), 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`,
      });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${response.status}: ${await response.text()}`);
      return collection;
    },
  };
}
