import { protocol, type Session } from 'electron';
import fs from 'node:fs/promises';
import { buildCsp } from '../security/csp';
import { appResponseHeaders } from '../security/headers';
import { APP_PROTOCOL, isAppUrl, resolveAppPath } from '../security/policy';
import { REMOTE_IMAGE_PATH } from '../../shared/board/schemas';

/**
 * Must run before app 'ready'. Standard + secure gives the app a real origin
 * (app://tribune) with storage and fetch, without the extra powers of file://.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir`, every response carrying the CSP, and the board's
 * cached remote images at app://tribune/remote-image/<key> (fetched by the core: same origin).
 */
export function serveApp(session: Session, rendererDir: string, remoteImage?: (key: string) => Promise<{ file: string; mime: string } | null>): void {
  const csp = buildCsp();
  const refusal = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });

  session.protocol.handle(APP_PROTOCOL, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const pathname = isAppUrl(request.url) ? new URL(request.url).pathname : '';
    if (remoteImage && pathname.startsWith(REMOTE_IMAGE_PATH)) {
      const image = await remoteImage(pathname.slice(REMOTE_IMAGE_PATH.length));
      if (!image) return refusal(404, 'Not found');
      try {
        const bytes = await fs.readFile(image.file);
        return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers: { 'Content-Type': image.mime, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=86400' } });
      } catch {
        return refusal(404, 'Not found');
      }
    }
    const file = isAppUrl(request.url) ? resolveAppPath(rendererDir, request.url) : null;
    if (file === null) return refusal(404, 'Not found');
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return refusal(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(file, csp) });
  });
}
