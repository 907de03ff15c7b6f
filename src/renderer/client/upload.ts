/**
 * Sending an image file to the core, with progress.
 * - Desktop: media.import over the preload bridge (base64; IPC has no message cap).
 * - Browser: the web host's upload route (POST /media, raw bytes, the launch secret in a
 *   header), because the WebSocket takes messages of 2 MiB at most. XMLHttpRequest, since it
 *   is what reports upload progress.
 */
import { MEDIA_UPLOAD_PATH, MEDIA_UPLOAD_TOKEN_HEADER } from '../../shared/media';
import { Media } from '../../shared/publishing';
import type { ClientError, ClientResult, TribuneClient } from './types';
import { disconnectedError } from './types';

export interface UploadRequest {
  workspaceId: string;
  file: File;
  /** Fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

export type MediaUploader = (request: UploadRequest) => Promise<ClientResult<Media>>;

/** The file's bytes as base64, without the data: prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Desktop: the contract's media.import. Progress can only say "started" and "done". */
export function bridgeUploader(client: Pick<TribuneClient, 'invoke'>): MediaUploader {
  return async ({ workspaceId, file, onProgress }) => {
    onProgress?.(0);
    let dataBase64: string;
    try {
      dataBase64 = await readAsBase64(file);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: String(error) } };
    }
    const result = await client.invoke('media.import', { workspaceId, fileName: file.name || 'image', mime: file.type, dataBase64 });
    if (result.ok) onProgress?.(1);
    return result;
  };
}

/** Browser: POST the raw bytes to the web host that served the page. */
export function httpUploader(origin: string, token: string, makeRequest: () => XMLHttpRequest = () => new XMLHttpRequest()): MediaUploader {
  return ({ workspaceId, file, onProgress }) =>
    new Promise((resolve) => {
      const xhr = makeRequest();
      const query = new URLSearchParams({ workspaceId, fileName: file.name || 'image' });
      xhr.open('POST', `${origin}${MEDIA_UPLOAD_PATH}?${query}`);
      xhr.setRequestHeader(MEDIA_UPLOAD_TOKEN_HEADER, token);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      xhr.onerror = () => resolve({ ok: false, error: disconnectedError('The image could not reach Tribune (connection lost).') });
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(String(xhr.responseText));
        } catch {
          // The guards answer in plain text (wrong secret, foreign origin): the page is not ours to trust.
          resolve({ ok: false, error: { code: 'internal', message: `The upload was refused (HTTP ${xhr.status}).` } });
          return;
        }
        const result = body as { ok?: unknown; value?: unknown; error?: { code: string; message: string } };
        if (result.ok === true) {
          const media = Media.safeParse(result.value);
          if (media.success) {
            onProgress?.(1);
            resolve({ ok: true, value: media.data });
            return;
          }
        } else if (result.ok === false && result.error && typeof result.error.code === 'string') {
          resolve({ ok: false, error: result.error as ClientError });
          return;
        }
        resolve({ ok: false, error: { code: 'internal', message: `Unexpected answer from the upload route (HTTP ${xhr.status}).` } });
      };
      xhr.send(file);
    });
}
