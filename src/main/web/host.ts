import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RpcRequest, type RpcMessage } from '../../shared/contract';
import { fail } from '../../shared/result';
import { buildCsp } from '../security/csp';
import { resolveAppPath } from '../security/policy';
import type { Core } from '../core/types';
import { MEDIA_UPLOAD_PATH } from '../../shared/media';
import { REMOTE_IMAGE_PATH } from '../../shared/board/schemas';
import { handleUpload } from './upload';

export interface WebHostOptions {
  core: Core;
  staticDir: string;
  port?: number;
  /** Tests may fix it; otherwise 32 random bytes per launch. */
  secret?: string;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const sameSecret = (given: string | null, expected: string) => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Serves the renderer and the contract (over a WebSocket) on 127.0.0.1 only, plus the
 * image upload route (POST /media, see upload.ts).
 * Every WebSocket and upload must carry the launch secret, and Host/Origin must be our own
 * (a page on another origin, or a DNS-rebinding name pointing at 127.0.0.1, is refused).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const csp = buildCsp({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const securityHeaders = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };

  server.on('request', (req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://127.0.0.1').pathname === MEDIA_UPLOAD_PATH) {
      handleUpload(req, res, options.core, { allowedOrigins, sameSecret: (given) => sameSecret(given, secret) });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname.startsWith(REMOTE_IMAGE_PATH)) {
      // The board's remote images, fetched and cached by the core: the page never contacts a network's server.
      void options.core.remoteImage(pathname.slice(REMOTE_IMAGE_PATH.length)).then((image) => {
        if (!image) return res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found');
        fs.readFile(image.file, (error, body) => {
          if (error) return res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found');
          res.writeHead(200, { 'Content-Type': image.mime, 'Cache-Control': 'private, max-age=86400', ...securityHeaders });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      });
      return;
    }
    const file = resolveAppPath(options.staticDir, `http://${req.headers.host}${req.url ?? '/'}`);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found');
      return;
    }
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
        ...securityHeaders,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const reject = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts.has(req.headers.host ?? '')) return reject(421, 'Misdirected Request');
    if (!allowedOrigins.has(req.headers.origin ?? '')) return reject(403, 'Forbidden');
    if (url.pathname !== '/rpc') return reject(404, 'Not Found');
    if (!sameSecret(url.searchParams.get('token'), secret)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options.core));
  });

  return {
    url: `http://127.0.0.1:${port}/#token=${secret}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveConnection(ws: WebSocket, core: Core): void {
  const send = (message: RpcMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    let request: RpcRequest;
    try {
      if (isBinary) throw new Error('binary');
      request = RpcRequest.parse(JSON.parse(data.toString()));
    } catch {
      // Without a valid id there is nobody to answer: close with a policy-violation code.
      ws.close(1008, 'Malformed request');
      return;
    }
    core
      .handle(request.command, request.input)
      .catch(() => fail('internal', 'Tribune hit an internal error; nothing was lost.'))
      .then((result) => send({ kind: 'result', id: request.id, result }));
  });
}
