/**
 * The web host's upload route: POST /media?workspaceId=…&fileName=… with the image's raw bytes.
 * The browser cannot send images over the WebSocket (2 MiB messages at most), so it sends them
 * here, with progress. Same guards as the WebSocket: the launch secret (in a header, never in
 * the address), our own Host and Origin. The body is streamed to disk and cut off at
 * MAX_IMAGE_FILE_BYTES; the core then reads the type from the bytes and takes or refuses it.
 * Every answer is a JSON Result, so the page shows the core's code like any command's.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { MAX_IMAGE_FILE_BYTES, MAX_IMAGE_FILE_MEGABYTES, MEDIA_UPLOAD_TOKEN_HEADER } from '../../shared/media';
import { fail, type ErrorCode, type Result } from '../../shared/result';
import type { Core } from '../core/types';

export interface UploadGuards {
  allowedOrigins: ReadonlySet<string>;
  sameSecret(given: string | null): boolean;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  workspace_not_found: 404,
  media_too_large: 413,
  media_not_image: 415,
  media_unsupported_type: 415,
  storage_failed: 507,
};

function answer(res: http.ServerResponse, result: Result<unknown>): void {
  if (res.headersSent) return;
  const status = result.ok ? 200 : (STATUS[result.error.code] ?? (result.error.code === 'internal' ? 500 : 400));
  const body = JSON.stringify(result);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/**
 * Reads and drops what the sender still sends after a refusal, so that it reads the answer:
 * closing a socket with unread bytes resets it, and the sender would see a network error
 * instead. Bounded: past twice the limit it is not an upload any more, and is cut.
 */
function drain(req: http.IncomingMessage, alreadyRead = 0): void {
  let read = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > MAX_IMAGE_FILE_BYTES * 2) req.destroy();
  });
  req.resume();
}

const tooLarge = () => fail('media_too_large', `Images of ${MAX_IMAGE_FILE_MEGABYTES} MB at most.`, undefined, { maxMegabytes: MAX_IMAGE_FILE_MEGABYTES });

/** Handles POST /media. Host was already checked by the caller. */
export function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, core: Core, guards: UploadGuards): void {
  // A browser always sends Origin on a POST: no Origin means no page of ours.
  if (!guards.allowedOrigins.has(req.headers.origin ?? '')) {
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
    drain(req);
    return;
  }
  const token = req.headers[MEDIA_UPLOAD_TOKEN_HEADER];
  if (!guards.sameSecret(typeof token === 'string' ? token : null)) {
    res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
    drain(req);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_IMAGE_FILE_BYTES) {
    answer(res, tooLarge());
    drain(req);
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const input = { workspaceId: url.searchParams.get('workspaceId') ?? '', fileName: url.searchParams.get('fileName') ?? '' };

  let file: string;
  try {
    file = path.join(core.mediaUploads.incomingDir(), randomUUID());
  } catch {
    answer(res, fail('storage_failed', 'The data folder cannot be written.'));
    drain(req);
    return;
  }
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  let received = 0;
  let refused = false;
  const drop = (result: Result<never>) => {
    if (refused) return;
    refused = true;
    req.unpipe(out);
    out.destroy();
    fs.rm(file, { force: true }, () => undefined);
    answer(res, result);
    drain(req, received);
  };
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_IMAGE_FILE_BYTES) {
      req.off('data', count);
      drop(tooLarge());
    }
  };
  req.on('data', count);
  req.on('close', () => {
    if (!req.complete) drop(fail('invalid_input', 'The upload was interrupted.'));
  });
  out.on('error', () => drop(fail('storage_failed', 'The image could not be written to the data folder (disk full?).')));
  out.on('finish', () => {
    if (refused) return;
    void core.mediaUploads.import(input, file).then((result) => answer(res, result));
  });
  req.pipe(out);
}
