import http from 'node:http';
import type { RunningHost } from './host';
import type { Result } from '../../src/shared/result';

export interface UploadAnswer {
  status: number;
  /** The JSON Result the route answers with, or null for the guards' plain-text refusals. */
  result: Result<unknown> | null;
  body: string;
}

/**
 * POSTs bytes to the web host's upload route as the page does (raw body, secret in a header),
 * with every guard overridable. `chunked` sends no Content-Length (a body of unknown size).
 */
export function uploadToHost(
  host: Pick<RunningHost, 'port' | 'token' | 'origin'>,
  body: Buffer,
  options: { workspaceId: string; fileName?: string; token?: string | null; origin?: string | null; hostHeader?: string; contentLength?: number; chunked?: boolean },
): Promise<UploadAnswer> {
  const query = new URLSearchParams({ workspaceId: options.workspaceId, fileName: options.fileName ?? 'photo.jpg' });
  const headers: Record<string, string | number> = { Host: options.hostHeader ?? `127.0.0.1:${host.port}`, 'Content-Type': 'application/octet-stream' };
  const origin = options.origin === undefined ? host.origin : options.origin;
  if (origin !== null) headers.Origin = origin;
  const token = options.token === undefined ? host.token : options.token;
  if (token !== null) headers['X-Tribune-Token'] = token;
  if (!options.chunked) headers['Content-Length'] = options.contentLength ?? body.length;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method: 'POST', path: `/media?${query}`, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        let result: Result<unknown> | null;
        try {
          result = JSON.parse(text) as Result<unknown>;
        } catch {
          result = null;
        }
        resolve({ status: res.statusCode ?? 0, result, body: text });
      });
    });
    // The host may answer (and stop reading) before the whole body is sent: that answer is what counts.
    req.on('error', (error) => reject(error));
    if (options.contentLength !== undefined && options.contentLength > body.length) req.write(body);
    else req.end(body);
  });
}
