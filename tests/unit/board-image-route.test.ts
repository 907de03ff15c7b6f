/** The web host serves the board's cached remote images same-origin (/remote-image/<key>), with its security headers. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import { startWebHost } from '../../src/main/web/host';
import { tempDir } from '../helpers/temp';

describe('the web host image route', () => {
  it('answers a cached image by key, 404 for anything else, with the CSP and nosniff', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const file = path.join(dir, 'img');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const key = 'a'.repeat(40);
    const asked: string[] = [];
    const core = {
      remoteImage: (k: string) => {
        asked.push(k);
        return Promise.resolve(k === key ? { file, mime: 'image/png' } : null);
      },
      subscribe: () => () => undefined,
    } as unknown as Core;
    const host = await startWebHost({ core, staticDir: dir, port: 0 });
    try {
      const ok = await fetch(`http://127.0.0.1:${host.port}/remote-image/${key}`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/png');
      expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
      expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      expect((await fetch(`http://127.0.0.1:${host.port}/remote-image/${'b'.repeat(40)}`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${host.port}/remote-image/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
      expect(asked).toContain(key);
    } finally {
      await host.close();
    }
  });
});
