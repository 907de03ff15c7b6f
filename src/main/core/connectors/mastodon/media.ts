/**
 * Images for Mastodon: read the original (never modified), shrink a copy in memory only when it
 * is over the instance's image_size_limit, upload through POST /api/v2/media with its
 * description (alt text), then wait for server-side processing (202, then GET /api/v1/media/:id
 * answers 206 until 200). Plain fetch, so the pace and the bound of the wait are Tribune's.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { PublishError, type MediaFile } from '../types';
import type { MastodonHttp } from './http';

export interface PreparedImage {
  data: Buffer;
  mime: string;
  fileName: string;
}

/** A local problem with an image: not worth retrying, so it carries a 4xx status the scheduler treats as final. */
function imageProblem(status: 413 | 422, message: string): PublishError {
  return new PublishError({ kind: 'http', status, message });
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

function withExtension(fileName: string, mime: string): string {
  const ext = EXTENSIONS[mime];
  if (!ext) return fileName;
  const stem = fileName.replace(/\.[^.]*$/, '') || 'image';
  return `${stem}.${ext}`;
}

/** Re-encodes a copy until it fits in maxBytes (and maxPixels): first the same size, then smaller and smaller. */
export async function shrinkImage(input: Buffer, mime: string, maxBytes: number, maxPixels: number): Promise<{ data: Buffer; mime: string }> {
  const animated = mime === 'image/gif';
  const meta = await sharp(input, { animated }).metadata();
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw new Error('unreadable image');
  // Keep PNG (transparency, screenshots), WebP and GIF as they are; anything else becomes JPEG.
  const target = mime === 'image/png' || mime === 'image/webp' || mime === 'image/gif' ? mime : 'image/jpeg';
  let scale = Math.min(1, Math.sqrt(maxPixels / (width * height)));
  let quality = 90;
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const w = Math.max(1, Math.floor(width * scale));
    let pipeline = sharp(input, { animated }).rotate();
    if (scale < 1) pipeline = pipeline.resize({ width: w, withoutEnlargement: true });
    if (target === 'image/png') pipeline = pipeline.png({ compressionLevel: 9, palette: attempt > 0, quality, effort: 7 });
    else if (target === 'image/webp') pipeline = pipeline.webp({ quality });
    else if (target === 'image/gif') pipeline = pipeline.gif({ effort: 7 });
    else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true });
    const data = await pipeline.toBuffer();
    if (data.length <= maxBytes) return { data, mime: target };
    // Bytes grow with the area: aim at the limit with a margin, then keep shrinking.
    scale *= Math.min(0.85, Math.sqrt(maxBytes / data.length) * 0.95);
    quality = Math.max(60, quality - 8);
  }
  throw new Error('still too large after resizing');
}

/** The bytes to upload: the original when it fits, else a smaller copy. */
export async function prepareImage(file: MediaFile, limits: { maxImageBytes: number; imageMatrixLimit: number }): Promise<PreparedImage> {
  let original: Buffer;
  try {
    original = await readFile(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw imageProblem(422, `Cannot read the image ${basename(file.path)}${code ? ` (${code})` : ''}.`);
  }
  const fileName = basename(file.path) || 'image';
  if (original.length <= limits.maxImageBytes) return { data: original, mime: file.mime, fileName };
  try {
    const shrunk = await shrinkImage(original, file.mime, limits.maxImageBytes, limits.imageMatrixLimit);
    return { data: shrunk.data, mime: shrunk.mime, fileName: withExtension(fileName, shrunk.mime) };
  } catch {
    const mb = (limits.maxImageBytes / 1_048_576).toFixed(1);
    throw imageProblem(413, `The image ${fileName} is larger than this server accepts (${mb} MB) and could not be made small enough.`);
  }
}

interface MediaAttachment {
  id: string;
  url?: string | null;
}

function attachment(body: unknown, host: string): MediaAttachment {
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new PublishError({ kind: 'http', message: `${host} accepted the image but did not say which id it got.` });
  }
  return { id: String(id), url: (body as { url?: string | null }).url ?? null };
}

export interface UploadOptions {
  accessToken: string;
  timeoutMs: number;
  pollIntervalMs: number;
  /** How long to wait for server-side processing before giving up (kind timeout). */
  processingTimeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** Uploads one image with its alt text and waits until the server has processed it; returns the media id. */
export async function uploadImage(http: MastodonHttp, image: PreparedImage, alt: string, opts: UploadOptions): Promise<string> {
  const host = new URL(http.instanceUrl).host;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(image.data)], { type: image.mime }), image.fileName);
  if (alt.trim()) form.append('description', alt);
  const created = await http.request({
    method: 'POST',
    path: '/api/v2/media',
    accessToken: opts.accessToken,
    form,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  const media = attachment(created.body, host);
  if (created.status === 200) return media.id; // processed synchronously (small images, v1-like servers)

  const deadline = Date.now() + opts.processingTimeoutMs;
  for (;;) {
    if (Date.now() >= deadline) {
      throw new PublishError({ kind: 'timeout', message: `${host} did not finish processing the image ${image.fileName} in time.` });
    }
    await sleep(opts.pollIntervalMs, undefined, opts.signal ? { signal: opts.signal } : undefined).catch(() => {
      throw new PublishError({ kind: 'network', message: 'The request was cancelled before the server answered.' });
    });
    const polled = await http.request({
      method: 'GET',
      path: `/api/v1/media/${encodeURIComponent(media.id)}`,
      accessToken: opts.accessToken,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
    if (polled.status === 200) return media.id;
    // 206 Partial Content: still processing.
  }
}
