import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRpc, HOST_BUNDLE, startHost, type RunningHost } from '../helpers/host';
import { ensureBuilt } from '../helpers/build';
import { tempDir } from '../helpers/temp';
import { listeningSocketsOf } from '../../sandbox/procfs';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { uploadToHost } from '../helpers/upload';
import { MAX_IMAGE_FILE_BYTES } from '../../src/shared/media';

const get = (port: number, pathname: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });

describe('the web host', () => {
  let host: RunningHost | undefined;
  beforeAll(() => ensureBuilt(), 300_000);
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  it('listens on 127.0.0.1 only, serves the app with the strict CSP, and refuses traversal', async () => {
    host = await startHost({ dataDir: tempDir() });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    // What the kernel says the process listens on, not what it prints.
    const sockets = listeningSocketsOf(host.process.pid!);
    expect(sockets.map((s) => s.port)).toContain(host.port);
    expect(sockets.filter((s) => s.address !== '127.0.0.1')).toEqual([]);
    const page = await get(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    for (const attempt of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const res = await get(host.port, attempt);
      expect(res.status, attempt).toBe(404);
      expect(res.body).not.toContain('"name": "tribune"');
    }
  });

  it('refuses a DNS-rebinding Host, a connection without the secret, a wrong secret and a foreign Origin', async () => {
    host = await startHost({ dataDir: tempDir() });
    expect((await get(host.port, '/', { Host: `evil.example:${host.port}` })).status).toBe(421);
    await expect(connectRpc(host, { token: null })).rejects.toThrow(/401/);
    await expect(connectRpc(host, { token: 'A'.repeat(43) })).rejects.toThrow(/401/);
    await expect(connectRpc(host, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connectRpc(host, { origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(/403/);
    await expect(connectRpc(host, { hostHeader: `rebind.example:${host.port}` })).rejects.toThrow(/421/);
    const ok = await connectRpc(host);
    expect(await ok.invoke('workspace.list', {})).toEqual({ ok: true, value: [] });
    ok.close();
  });

  it('answers commands with typed results, pushes events, and closes on a malformed frame', async () => {
    host = await startHost({ dataDir: tempDir() });
    const a = await connectRpc(host);
    const b = await connectRpc(host);
    const ws = await a.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme' });
    expect(await a.invoke('draft.save', { id: 'nope', workspaceId: ws.id, text: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await a.value('draft.save', { id: randomUUID(), workspaceId: ws.id, text: 'Bonjour' });
    await expect.poll(() => b.events.map((e) => e.event)).toContain('drafts.changed');
    const closed = new Promise<number>((resolve) => a.socket.once('close', (code) => resolve(code)));
    a.socket.send('{not json');
    expect(await closed).toBe(1008);
    // The host keeps serving the others.
    expect(await b.invoke('workspace.list', {})).toMatchObject({ ok: true, value: [{ name: 'Office de Tourisme' }] });
    b.close();
  });

  it('started by a supervisor, does not outlive it even when the supervisor is killed outright', async () => {
    const dataDir = tempDir();
    // A shell stands for the supervisor (npm run demo); the host is its child.
    const supervisor = spawn('sh', ['-c', `"${process.execPath}" "${HOST_BUNDLE}" --data-dir "${dataDir}" --port 0 --no-link-cards & wait`], {
      env: { ...process.env, TRIBUNE_EXIT_WITH_PARENT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve) => {
      supervisor.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /127\.0\.0\.1:(\d+)\//.exec(output);
        if (match) resolve(Number(match[1]));
      });
    });
    const listening = () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
    expect(await listening()).toBe(true);
    supervisor.kill('SIGKILL');
    await expect.poll(listening, { timeout: 10_000, interval: 250 }).toBe(false);
  });
});

/** A photo-sized JPEG over the WebSocket's 2 MiB: noise does not compress. */
async function bigJpeg(): Promise<Buffer> {
  const width = 1800;
  const height = 1400;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

describe('the web host upload route (POST /media)', () => {
  let host: RunningHost | undefined;
  beforeAll(() => ensureBuilt(), 300_000);
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);

  it('takes an image larger than a WebSocket message, byte for byte, and the core can use it', async () => {
    const dataDir = tempDir();
    host = await startHost({ dataDir });
    const rpc = await connectRpc(host);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme' });
    const jpeg = await bigJpeg();
    expect(jpeg.length).toBeGreaterThan(2 * 1024 * 1024);
    const answer = await uploadToHost(host, jpeg, { workspaceId: ws.id, fileName: 'IMG_2041.jpg' });
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({ ok: true, value: { workspaceId: ws.id, fileName: 'IMG_2041.jpg', mime: 'image/jpeg', bytes: jpeg.length, width: 1800, height: 1400 } });
    const media = (answer.result as { value: { id: string } }).value;
    expect(fs.readFileSync(path.join(dataDir, 'media', `${media.id}.jpg`)).equals(jpeg)).toBe(true);
    expect(filesIn(path.join(dataDir, 'media', '.incoming'))).toEqual([]);
    const thumbnail = await rpc.value<{ dataUrl: string }>('media.thumbnail', { id: media.id });
    expect(thumbnail.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    rpc.close();
  });

  it('refuses an upload without the secret, with a wrong one, from a foreign Origin or Host, and writes nothing', async () => {
    const dataDir = tempDir();
    host = await startHost({ dataDir });
    const rpc = await connectRpc(host);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const attempts: [Parameters<typeof uploadToHost>[2], number][] = [
      [{ workspaceId: ws.id, token: null }, 401],
      [{ workspaceId: ws.id, token: 'A'.repeat(43) }, 401],
      [{ workspaceId: ws.id, origin: 'http://evil.example' }, 403],
      [{ workspaceId: ws.id, origin: `http://127.0.0.1:${host.port + 1}` }, 403],
      [{ workspaceId: ws.id, origin: null }, 403],
      [{ workspaceId: ws.id, hostHeader: `rebind.example:${host.port}` }, 421],
    ];
    for (const [options, status] of attempts) {
      const answer = await uploadToHost(host, png, options);
      expect(answer.status, JSON.stringify(options)).toBe(status);
      expect(answer.result?.ok ?? false).toBe(false);
    }
    expect(filesIn(path.join(dataDir, 'media'))).toEqual([]);
    // The same upload with every guard satisfied goes through.
    expect((await uploadToHost(host, png, { workspaceId: ws.id, fileName: 'logo.png' })).result).toMatchObject({ ok: true, value: { mime: 'image/png' } });
    rpc.close();
  });

  it('refuses an oversize upload (declared or streamed), a file that is not an image, and an unknown workspace, with codes', async () => {
    const dataDir = tempDir();
    host = await startHost({ dataDir });
    const rpc = await connectRpc(host);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme' });

    const declared = await uploadToHost(host, Buffer.alloc(1024), { workspaceId: ws.id, contentLength: MAX_IMAGE_FILE_BYTES + 1 });
    expect(declared.status).toBe(413);
    expect(declared.result).toMatchObject({ ok: false, error: { code: 'media_too_large', params: { maxMegabytes: 25 } } });

    const streamed = await uploadToHost(host, Buffer.alloc(MAX_IMAGE_FILE_BYTES + 64 * 1024, 7), { workspaceId: ws.id, chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.result).toMatchObject({ ok: false, error: { code: 'media_too_large' } });

    const text = Buffer.from('Meeting notes, not a picture at all.\n'.repeat(200));
    const renamed = await uploadToHost(host, text, { workspaceId: ws.id, fileName: 'notes.png' });
    expect(renamed.status).toBe(415);
    expect(renamed.result).toMatchObject({ ok: false, error: { code: 'media_not_image' } });

    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).tiff().toBuffer();
    expect((await uploadToHost(host, tiff, { workspaceId: ws.id, fileName: 'scan.png' })).result).toMatchObject({ ok: false, error: { code: 'media_unsupported_type' } });

    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const nowhere = await uploadToHost(host, png, { workspaceId: randomUUID() });
    expect(nowhere.status).toBe(404);
    expect(nowhere.result).toMatchObject({ ok: false, error: { code: 'workspace_not_found' } });
    const malformed = await uploadToHost(host, png, { workspaceId: 'not-an-id' });
    expect(malformed.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await expect.poll(() => filesIn(path.join(dataDir, 'media'))).toEqual([]);
    rpc.close();
  });
});
