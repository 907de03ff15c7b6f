import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectRpc, HOST_BUNDLE, startHost, type RunningHost } from '../helpers/host';
import { ensureBuilt } from '../helpers/build';
import { tempDir } from '../helpers/temp';
import { listeningSocketsOf } from '../../sandbox/procfs';

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
