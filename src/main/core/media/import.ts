/**
 * Taking an image a person added: from bytes (media.import over the desktop bridge) or from a
 * file a host already streamed to disk (the web host's upload route). The type is read from
 * the bytes, never from the name: a text file renamed ".png" is "not an image".
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { MAX_IMAGE_FILE_BYTES, MAX_IMAGE_FILE_MEGABYTES, type ImageType } from '../../../shared/media';
import type { Media } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
import { failures } from '../failures';
import type { Clock } from '../clock';
import type { MediaRepository } from '../repositories/media';
import type { WorkspaceRepository } from '../repositories/workspaces';

const FORMATS: Partial<Record<string, ImageType>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export interface MediaImportInput {
  workspaceId: string;
  fileName: string;
}

export class MediaImporter {
  constructor(
    private readonly d: { media: MediaRepository; workspaces: WorkspaceRepository; clock: Clock },
  ) {}

  /** Bytes in memory (media.import). */
  async fromBytes(input: MediaImportInput, data: Buffer): Promise<Media> {
    const checked = await this.check(input, data.length, data);
    return this.d.media.add({ ...checked, data, createdAt: this.d.clock.now() });
  }

  /** A file a host wrote into `incomingDir()`; it is moved into the media folder, or deleted when refused. */
  async fromFile(input: MediaImportInput, file: string): Promise<Media> {
    try {
      const checked = await this.check(input, fs.statSync(file).size, file);
      return this.d.media.addFile({ ...checked, createdAt: this.d.clock.now() }, file);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  incomingDir(): string {
    return this.d.media.incomingDir();
  }

  private async check(input: MediaImportInput, bytes: number, source: Buffer | string): Promise<Media & { mime: ImageType }> {
    if (!this.d.workspaces.get(input.workspaceId)) throw failures.workspaceNotFound();
    if (bytes === 0) throw new AppFailure('media_not_image', `"${input.fileName}" is empty: it is not an image.`);
    if (bytes > MAX_IMAGE_FILE_BYTES) {
      throw new AppFailure('media_too_large', `"${input.fileName}" is larger than ${MAX_IMAGE_FILE_MEGABYTES} MB.`, { maxMegabytes: MAX_IMAGE_FILE_MEGABYTES });
    }
    let meta: sharp.Metadata;
    try {
      meta = await sharp(source).metadata();
    } catch {
      throw new AppFailure('media_not_image', `"${input.fileName}" is not an image (or it is damaged).`);
    }
    if (!meta.width || !meta.height || !meta.format) throw new AppFailure('media_not_image', `"${input.fileName}" is not an image (or it is damaged).`);
    const mime = FORMATS[meta.format];
    if (!mime) throw new AppFailure('media_unsupported_type', `"${input.fileName}" is a ${meta.format.toUpperCase()} image: Tribune takes JPEG, PNG, WebP and GIF.`);
    return { id: randomUUID(), workspaceId: input.workspaceId, fileName: input.fileName, mime, bytes, width: meta.width, height: meta.height };
  }
}
