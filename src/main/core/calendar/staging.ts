/** Uploaded files (in chunks) and import previews waiting for the person's decision, kept in memory for a while. */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { MAX_IMPORT_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/calendar/contract';
import type { PostSnapshot } from '../../../shared/calendar/snapshot';
import type { StagedImport } from './importer';

const TTL_MS = 30 * 60_000;

/**
 * V8 cuts a substring of 13 characters or more as a "sliced string" that points into the string
 * it came from: a UID or a text read from a calendar file keeps the whole decoded file (27 MB for
 * 10,000 posts) alive for as long as the preview waits. Adding a character then slicing it off
 * flattens the piece into a new string of its own length; shorter pieces are copies already.
 * The same value met again (a UID is in the item, its snapshot and its merge plan; a text in the
 * snapshot and in the preview's differences) is copied once, through `copies`.
 */
const SLICED_MIN_LENGTH = 13;

type Copies = Map<string, string>;

function own(value: string, copies: Copies): string {
  if (value.length < SLICED_MIN_LENGTH) return value;
  let copy = copies.get(value);
  if (copy === undefined) copies.set(value, (copy = (' ' + value).slice(1)));
  return copy;
}

/** The strings of a flat record (a label, a comment, a campaign, a difference), each its own. */
function ownFields(record: object, copies: Copies, skip?: string): void {
  const r = record as Record<string, unknown>;
  for (const key in r) {
    const v = r[key];
    if (typeof v === 'string' && key !== skip) r[key] = own(v, copies);
  }
}

/**
 * A snapshot read from a file: its own strings, in its fields and in its lists (campaign, labels,
 * comments, media, targets). Its content is left as it is: JSON.parse made its strings.
 */
function ownSnapshot(snapshot: PostSnapshot, copies: Copies): void {
  ownFields(snapshot, copies);
  if (snapshot.campaign) ownFields(snapshot.campaign, copies);
  for (const list of [snapshot.labels, snapshot.comments, snapshot.media, snapshot.targets]) for (const entry of list) ownFields(entry, copies);
}

/**
 * A staged import holding only its own strings (in place). What came from the file is its
 * posts (`theirs`), the merged result of each, their UIDs and the differences shown; our
 * versions and the bases were read from the database. A difference of "content" is JSON made
 * once per content (snapshot.contentJson), which its memo also holds: a copy would double it.
 */
export function ownStrings(staged: StagedImport): StagedImport {
  const copies: Copies = new Map();
  for (const item of staged.items) {
    if (item.theirs) ownSnapshot(item.theirs, copies);
    const { plan } = item;
    if (plan.result && plan.result !== 'delete' && plan.result !== item.theirs && plan.result !== item.mine) ownSnapshot(plan.result, copies);
    item.uid = own(item.uid, copies);
    plan.uid = own(plan.uid, copies);
    for (const diff of plan.fields) if (diff.field !== 'content') ownFields(diff, copies, 'field');
  }
  for (const problem of staged.rowProblems) if (problem.params) ownFields(problem.params, copies);
  return staged;
}

interface Upload {
  workspaceId: string;
  fileName: string;
  bytes: number;
  chunks: (Buffer | undefined)[];
  touched: number;
}

export class Staging<P extends StagedImport> {
  private readonly uploads = new Map<string, Upload>();
  private readonly previews = new Map<string, { preview: P; touched: number }>();

  /** Resolves once the last kept preview holds only its own strings. */
  settled: Promise<void> = Promise.resolve();

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

  /**
   * Keeps a preview for its apply. Its strings are made its own (not slices of the file) just
   * after the preview is answered, so the person does not wait for it (about 75 ms of CPU for
   * 10,000 posts); `settled` resolves once done.
   */
  keep(id: string, preview: P): void {
    this.sweep();
    this.previews.set(id, { preview, touched: this.now() });
    this.settled = new Promise((resolve) =>
      setImmediate(() => {
        if (this.previews.get(id)?.preview === preview) ownStrings(preview);
        resolve();
      }),
    );
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
