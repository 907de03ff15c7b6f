/**
 * Photo metadata, end to end through the core: a phone photo with a GPS position, added with
 * media.import and published to the Mastodon stand-in. By default the bytes the server receives
 * carry no EXIF and no position, turned upright; with the workspace's "keep photo metadata"
 * setting they are the original's, byte for byte. The original file is never touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Media, PostView } from '../../src/shared/publishing';
import { GPS_LATITUDE, readExif } from '../helpers/exif';
import { value } from '../helpers/core';
import { mastodonCore } from '../helpers/mastodon-core';

/** Stored landscape 320x200 with orientation 6 (shown as a 200x320 portrait), a camera and a GPS position. */
function phonePhoto(): Promise<Buffer> {
  const [width, height] = [320, 200];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([x % 256, y % 256, x < width / 2 ? 40 : 220], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'P1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2436/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 758/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('photo metadata in published copies', () => {
  it('drops EXIF and GPS by default (upright), keeps them byte for byte when the workspace says so', async () => {
    const { server, core, dataDir, ws, account } = await mastodonCore({ workspace: 'Office de Tourisme', publishAtOnce: true });

    const photo = await phonePhoto();
    expect(readExif((await sharp(photo).metadata()).exif)?.gps).toContain(GPS_LATITUDE);
    const media = await value<Media>(core, 'media.import', { workspaceId: ws.id, fileName: 'IMG_2041.jpg', mime: 'image/jpeg', dataBase64: photo.toString('base64') });
    const original = path.join(dataDir, 'media', `${media.id}.jpg`);
    const originalSha = createHash('sha256').update(fs.readFileSync(original)).digest('hex');

    const publish = async (text: string) => {
      const id = randomUUID();
      const content = {
        targets: [{ accountId: account.id, variant: null }],
        media: [{ mediaId: media.id, alt: 'Le port au lever du jour' }],
        contentWarning: null,
        language: null,
        visibility: null,
        poll: null,
        threadParts: null,
      };
      await value(core, 'draft.save', { id, workspaceId: ws.id, text, content });
      await value(core, 'post.publishNow', { draftId: id });
      await expect
        .poll(async () => (await value<{ post: PostView }>(core, 'draft.content', { id })).post.targets.map((t) => t.status), { timeout: 20_000 })
        .toEqual(['sent']);
      return server.state.media.at(-1)!;
    };

    // Default: off.
    expect(await value(core, 'workspace.getPublishing', { id: ws.id })).toMatchObject({ keepPhotoMetadata: false });
    const stripped = await publish('Le port ce matin');
    const sent = await sharp(stripped.data).metadata();
    expect(sent.exif).toBeUndefined();
    expect(Buffer.from(stripped.data).includes(Buffer.from('PhoneCo'))).toBe(false);
    expect([sent.format, sent.width, sent.height, sent.orientation ?? 1]).toEqual(['jpeg', 200, 320, 1]);
    expect(stripped.description).toBe('Le port au lever du jour');

    // Kept: the very bytes of the original.
    expect(await value(core, 'workspace.setPublishing', { id: ws.id, keepPhotoMetadata: true })).toMatchObject({ keepPhotoMetadata: true });
    const kept = await publish('Le port ce soir');
    expect(Buffer.from(kept.data).equals(photo)).toBe(true);
    expect(readExif((await sharp(kept.data).metadata()).exif)).toMatchObject({ make: 'PhoneCo', gps: expect.arrayContaining([GPS_LATITUDE]) });

    expect(createHash('sha256').update(fs.readFileSync(original)).digest('hex')).toBe(originalSha);
  }, 60_000);
});
