/**
 * Sends a file to the core for an import preview: small files inline, bigger ones in chunks
 * (calendar.uploadBegin / uploadChunk) with progress. Nothing is written until importApply.
 */
import { MAX_IMPORT_BYTES, MAX_INLINE_IMPORT_BYTES } from '../../../../shared/calendar/contract';
import type { ImportPreview } from '../../../../shared/calendar/schemas';
import { getClient, type ClientResult } from '../../../client';
import { bytesToBase64 } from '../../../lib/download';

export async function previewFile(
  workspaceId: string,
  file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> },
  onProgress: (fraction: number) => void,
): Promise<ClientResult<ImportPreview>> {
  if (file.size === 0) return { ok: false, error: { code: 'file_empty', message: 'This file is empty.' } };
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, error: { code: 'file_too_large', message: 'This file is too large.', params: { maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 } } };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const client = getClient();
  if (bytes.length <= MAX_INLINE_IMPORT_BYTES) {
    onProgress(0.5);
    return client.invoke('calendar.importPreview', { workspaceId, fileName: file.name, dataBase64: bytesToBase64(bytes) });
  }
  const begin = await client.invoke('calendar.uploadBegin', { workspaceId, fileName: file.name, bytes: bytes.length });
  if (!begin.ok) return begin;
  const { uploadId, chunkBytes, chunks } = begin.value;
  for (let index = 0; index < chunks; index++) {
    const part = bytes.subarray(index * chunkBytes, (index + 1) * chunkBytes);
    const sent = await client.invoke('calendar.uploadChunk', { uploadId, index, dataBase64: bytesToBase64(part) });
    if (!sent.ok) return sent;
    onProgress(((index + 1) / chunks) * 0.9);
  }
  return client.invoke('calendar.importPreview', { workspaceId, uploadId });
}
