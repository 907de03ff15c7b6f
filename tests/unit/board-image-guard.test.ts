/**
 * The image cache fetches only from the public internet by default: loopback, private,
 * link-local (cloud metadata) and similar addresses are refused, by address, by name and after
 * a redirect; the sandbox and the tests allow them explicitly. Account avatars go through the
 * cache too: the renderer gets a same-origin path, never the network's address.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { isPrivateAddress, mayFetchImage } from '../../src/main/core/streams/image-address';
import { ImageCache } from '../../src/main/core/streams/images';
import { imageKey } from '../../src/main/core/streams/keys';
import { openStore } from '../../src/main/core/store/database';
import { REMOTE_IMAGE_PATH } from '../../src/shared/board/schemas';
import { manualClock, tempDir } from '../helpers/temp';

const PNG = fs.readFileSync(path.join(process.cwd(), 'assets', fs.readdirSync(path.join(process.cwd(), 'assets')).find((f) => f.endsWith('.png'))!));

async function store() {
  const dir = tempDir();
  const clock = manualClock(Date.parse('2026-12-01T08:00:00Z'));
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const register = (url: string) => db.prepare('INSERT OR IGNORE INTO remote_images (key, url, used_at) VALUES (?, ?, 0)').run(imageKey(url), url);
  return { db, dir, clock, register };
}

describe('which addresses the image cache may fetch', () => {
  it.each(['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '[::1]', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (address) => expect(isPrivateAddress(address)).toBe(false));

  it('resolves names first, refuses local names and odd schemes, and lets the sandbox through', async () => {
    const lookup = (answers: Record<string, string[]>) => (host: string) => Promise.resolve(answers[host] ?? []);
    const strict = { allowPrivateAddresses: false, lookup: lookup({ 'cdn.example.org': ['93.184.216.34'], 'evil.example.org': ['93.184.216.34', '127.0.0.1'], 'meta.example.org': ['169.254.169.254'] }) };
    expect(await mayFetchImage(new URL('https://cdn.example.org/a.png'), strict)).toBe(true);
    expect(await mayFetchImage(new URL('https://evil.example.org/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://meta.example.org/latest'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('https://unknown.example.org/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://localhost:8080/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://printer.local/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://127.0.0.1:5000/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://[::1]:5000/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('file:///etc/passwd'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('https://user:pw@cdn.example.org/a.png'), strict)).toBe(false);
    expect(await mayFetchImage(new URL('http://127.0.0.1:5000/a.png'), { allowPrivateAddresses: true })).toBe(true);
    expect(await mayFetchImage(new URL('file:///etc/passwd'), { allowPrivateAddresses: true })).toBe(false);
  });
});

describe('the image cache', () => {
  it('by default never contacts 127.0.0.1; allowed explicitly (sandbox, tests), it does', async () => {
    const { db, dir, clock, register } = await store();
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(PNG.length) }).end(PNG);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/avatar.png`;
    register(url);
    try {
      const strict = new ImageCache(db, path.join(dir, 'strict'), () => 1e9, () => clock.now());
      expect(await strict.get(imageKey(url))).toBeNull();
      expect(hits).toBe(0);
      clock.advance(2 * 3_600_000); // past the retry delay of a failed image
      const sandbox = new ImageCache(db, path.join(dir, 'sandbox'), () => 1e9, () => clock.now(), fetch, { allowPrivateAddresses: true });
      expect((await sandbox.get(imageKey(url)))?.mime).toBe('image/png');
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('checks every redirect: a public address that points to a private one is refused', async () => {
    const { db, dir, clock, register } = await store();
    const asked: string[] = [];
    const fetchStub = ((input: string | URL) => {
      asked.push(String(input));
      return Promise.resolve(new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }));
    }) as typeof fetch;
    const url = 'https://cdn.example.org/avatar.png';
    register(url);
    const cache = new ImageCache(db, path.join(dir, 'img'), () => 1e9, () => clock.now(), fetchStub, { lookup: () => Promise.resolve(['93.184.216.34']) });
    expect(await cache.get(imageKey(url))).toBeNull();
    expect(asked).toEqual([url]);
  });

  it('serves account avatars too: the renderer gets a same-origin path, registered in the cache', async () => {
    const { db } = await store();
    const ws = new WorkspaceRepository(db).create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    const avatar = 'https://cdn.bsky.app/img/avatar/plain/did:plc:x/abc@jpeg';
    const account = new AccountRepository(db).upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: avatar, serviceUrl: 'https://pds.example', remoteId: 'did:plc:x', createdAt: 0 });
    expect(account.avatarUrl).toBe(`${REMOTE_IMAGE_PATH}${imageKey(avatar)}`);
    expect(db.prepare<[string], { url: string }>('SELECT url FROM remote_images WHERE key = ?').get(imageKey(avatar))?.url).toBe(avatar);
  });
});
