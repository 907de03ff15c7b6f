/** Uploaded files (in chunks) and import previews waiting for the person's decision, kept in memory for a while. */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { MAX_IMPORT_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/calendar/contract';

const TTL_MS = 30 * 60_000;

interface Upload {
  workspaceId: string;
  fileName: string;
  bytes: number;
  chunks: (Buffer | undefined)[];
  touched: number;
}

export class Staging<P extends { workspaceId: string }> {
  private readonly uploads = new Map<string, Upload>();
  private readonly previews = new Map<string, { preview: P; touched: number }>();

  constructor(private readonly now: () => number) {}

  private sweep(): void {
    const limit = this.now() - TTL_MS;
    for (const [id, u] of this.uploads) if (u.touched < limit) this.uploads.delete(id);
    for (const [id, p] of this.previews) if (p.touched < limit) this.previews.delete(id);
  }

  begin(workspaceId: string, fileName: string, bytes: number): { uploadId: string; chunkBytes: number; chunks: number } {
    this.sweep();
    if (bytes > MAX_IMPORT_BYTES) throw new AppFailure('file_too_large', 'This file is too large.', { maxBytes: MAX_IMPORT_BYTES, maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 });
    const uploadId = randomUUID();
    const chunks = Math.ceil(bytes / UPLOAD_CHUNK_BYTES);
    this.uploads.set(uploadId, { workspaceId, fileName, bytes, chunks: new Array<Buffer | undefined>(chunks).fill(undefined), touched: this.now() });
    return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES, chunks };
  }

  chunk(uploadId: string, index: number, data: Buffer): { received: number; chunks: number } {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new AppFailure('import_expired', 'This upload is no longer available.', { importId: uploadId });
    if (index >= upload.chunks.length) throw new AppFailure('upload_chunk_invalid', 'This chunk is beyond the end of the file.', { index });
    const expected = index === upload.chunks.length - 1 ? upload.bytes - index * UPLOAD_CHUNK_BYTES : UPLOAD_CHUNK_BYTES;
    if (data.length !== expected) throw new AppFailure('upload_chunk_invalid', 'This chunk does not have the announced size.', { index, expected, received: data.length });
    upload.chunks[index] = data;
    upload.touched = this.now();
    return { received: upload.chunks.filter(Boolean).length, chunks: upload.chunks.length };
  }

  /** The whole file; refuses an incomplete one. The upload is consumed. */
  take(uploadId: string, workspaceId: string): { fileName: string; data: Buffer } {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.workspaceId !== workspaceId) throw new AppFailure('import_expired', 'This upload is no longer available.', { importId: uploadId });
    const received = upload.chunks.filter(Boolean).length;
    if (received !== upload.chunks.length) {
      throw new AppFailure('upload_incomplete', 'The file did not arrive whole.', { received, expected: upload.chunks.length });
    }
    this.uploads.delete(uploadId);
    return { fileName: upload.fileName, data: Buffer.concat(upload.chunks as Buffer[]) };
  }

  keep(id: string, preview: P): void {
    this.sweep();
    this.previews.set(id, { preview, touched: this.now() });
  }

  preview(id: string): P {
    const p = this.previews.get(id);
    if (!p) throw new AppFailure('import_expired', 'This import preview is no longer available.', { importId: id });
    return p.preview;
  }

  drop(id: string): void {
    this.previews.delete(id);
  }
}
