/**
 * Images for Mastodon: read the original (never modified), prepare the copy to send in memory
 * (connectors/images.ts: metadata dropped, shrunk to the instance's image_size_limit and
 * image_matrix_limit, PNG, WebP and GIF keep their type), upload through POST /api/v2/media with its
 * description (alt text), then wait for server-side processing (202, then GET /api/v1/media/:id
 * answers 206 until 200). Plain fetch, so the pace and the bound of the wait are Tribune's.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { IMAGE_EXTENSIONS, isImageType } from '../../../../shared/media';
import { ImagePrepareError, prepareImageForUpload } from '../images';
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

function withExtension(fileName: string, mime: string): string {
  const ext = isImageType(mime) ? IMAGE_EXTENSIONS[mime] : undefined;
  if (!ext) return fileName;
  const stem = fileName.replace(/\.[^.]*$/, '') || 'image';
  return `${stem}.${ext}`;
}

/** The bytes to upload: the shared preparation with this instance's limits (metadata dropped unless kept). */
export async function prepareImage(file: MediaFile, limits: { maxImageBytes: number; imageMatrixLimit: number }): Promise<PreparedImage> {
  let original: Buffer;
  try {
    original = await readFile(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw imageProblem(422, `Cannot read the image ${basename(file.path)}${code ? ` (${code})` : ''}.`);
  }
  const fileName = basename(file.path) || 'image';
  try {
    const image = await prepareImageForUpload(
      original,
      file.mime,
      { maxBytes: limits.maxImageBytes, maxPixels: limits.imageMatrixLimit, shrinkTo: 'same' },
      { keepMetadata: file.keepMetadata ?? false },
    );
    const data = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
    return { data, mime: image.mime, fileName: image.reencoded ? withExtension(fileName, image.mime) : fileName };
  } catch (error) {
    if (error instanceof ImagePrepareError && error.reason === 'not_an_image') throw imageProblem(422, `The image ${fileName} cannot be read (${error.message}).`);
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
