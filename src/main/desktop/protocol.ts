import { protocol, type Session } from 'electron';
import fs from 'node:fs/promises';
import { buildCsp } from '../security/csp';
import { appResponseHeaders } from '../security/headers';
import { APP_PROTOCOL, isAppUrl, resolveAppPath } from '../security/policy';

/**
 * Must run before app 'ready'. Standard + secure gives the app a real origin
 * (app://tribune) with storage and fetch, without the extra powers of file://.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `rendererDir`, every response carrying the CSP. */
export function serveApp(session: Session, rendererDir: string): void {
  const csp = buildCsp();
  const refusal = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });

  session.protocol.handle(APP_PROTOCOL, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
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
