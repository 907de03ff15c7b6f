import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BLUESKY_IMAGE_RULES } from '../../src/main/core/connectors/bluesky/images';
import { ImagePrepareError, prepareImageForUpload, stripJpegMetadata, type ImageRules } from '../../src/main/core/connectors/images';
import { GPS_LATITUDE, readExif } from '../helpers/exif';

const LIMIT = 1_000_000;
const strip = { keepMetadata: false };
const keep = { keepMetadata: true };
/** Bluesky's rules (1 MB, shrunk copies become JPEG). */
const fitImage = (bytes: Uint8Array, mime: string, maxBytes: number) => prepareImageForUpload(bytes, mime, { ...BLUESKY_IMAGE_RULES, maxBytes }, strip);
/** Mastodon's rules (the instance's byte and pixel limits, PNG/WebP/GIF keep their type). */
const mastodon = (maxBytes: number, maxPixels: number): ImageRules => ({ maxBytes, maxPixels, shrinkTo: 'same' });

/** Random noise: the worst case for any codec. */
async function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

/** A smooth picture with a little grain: large as PNG, small as JPEG. */
async function photoLikePng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  const grain = randomBytes(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const g = (grain[y * width + x]! & 15) - 8;
      raw[i] = Math.max(0, Math.min(255, Math.round((x / width) * 255) + g));
      raw[i + 1] = Math.max(0, Math.min(255, Math.round((y / height) * 255) + g));
      raw[i + 2] = Math.max(0, Math.min(255, 128 + Math.round(Math.sin(x / 40) * 60) + g));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

describe('preparing an image for Bluesky (1 MB, JPEG when shrunk)', () => {
  it('returns an image already under the limit, with nothing to drop, byte for byte', async () => {
    const small = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const input = new Uint8Array(small);
    const copy = Uint8Array.from(input);
    const fitted = await fitImage(input, 'image/png', LIMIT);
    expect(fitted.reencoded).toBe(false);
    expect(fitted.bytes).toBe(input);
    expect(fitted.bytes).toEqual(copy);
    expect(fitted).toMatchObject({ mime: 'image/png', width: 320, height: 200 });
  });

  it('brings a huge PNG under the limit, keeping its aspect ratio', async () => {
    const png = await noisePng(2400, 1600);
    expect(png.byteLength).toBeGreaterThan(5 * LIMIT);
    const before = Buffer.from(png);
    const fitted = await fitImage(png, 'image/png', LIMIT);
    expect(fitted.reencoded).toBe(true);
    expect(fitted.mime).toBe('image/jpeg');
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    expect(Math.abs(fitted.width / fitted.height - 2400 / 1600)).toBeLessThan(0.01);
    const meta = await sharp(fitted.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: fitted.width, height: fitted.height });
    expect(png.equals(before)).toBe(true); // the input buffer is never written
    // Not shrunk more than needed: a tenth wider no longer fits.
    const wider = await sharp(png).resize({ width: Math.round(fitted.width * 1.1) }).jpeg({ quality: 80 }).toBuffer();
    expect(wider.byteLength).toBeGreaterThan(LIMIT);
  }, 60_000);

  it('re-encodes at full size when a lower quality is enough (no resizing)', async () => {
    const png = await photoLikePng(1800, 1200);
    expect(png.byteLength).toBeGreaterThan(LIMIT);
    const fitted = await fitImage(png, 'image/png', LIMIT);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    expect(fitted).toMatchObject({ mime: 'image/jpeg', width: 1800, height: 1200, reencoded: true });
  }, 60_000);

  it('applies the EXIF orientation before re-encoding (a portrait photo stays a portrait)', async () => {
    const raw = randomBytes(1600 * 1000 * 3);
    // Stored landscape 1600x1000, shown turned by 90° (orientation 6): a 1000x1600 portrait.
    const jpeg = await sharp(raw, { raw: { width: 1600, height: 1000, channels: 3 } }).jpeg({ quality: 100 }).withMetadata({ orientation: 6 }).toBuffer();
    expect(jpeg.byteLength).toBeGreaterThan(LIMIT);
    const fitted = await fitImage(jpeg, 'image/jpeg', LIMIT);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    expect(fitted.height).toBeGreaterThan(fitted.width);
    expect(Math.abs(fitted.width / fitted.height - 1000 / 1600)).toBeLessThan(0.01);
    const meta = await sharp(fitted.bytes).metadata();
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta).toMatchObject({ width: fitted.width, height: fitted.height });

    // Under the limit, metadata kept: left alone, its aspect ratio is the displayed one.
    const small = await sharp(randomBytes(160 * 100 * 3), { raw: { width: 160, height: 100, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await prepareImageForUpload(small, 'image/jpeg', BLUESKY_IMAGE_RULES, keep)).toMatchObject({ width: 100, height: 160, reencoded: false });
    // Under the limit, metadata dropped: the pixels are turned, the copy says orientation 1.
    const turned = await fitImage(small, 'image/jpeg', LIMIT);
    expect(turned).toMatchObject({ width: 100, height: 160, reencoded: true, mime: 'image/jpeg' });
    const turnedMeta = await sharp(turned.bytes).metadata();
    expect([turnedMeta.width, turnedMeta.height, turnedMeta.orientation ?? 1]).toEqual([100, 160, 1]);
  }, 60_000);

  it('flattens transparency when it must re-encode', async () => {
    const rgba = randomBytes(1000 * 1000 * 4);
    const png = await sharp(rgba, { raw: { width: 1000, height: 1000, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
    const fitted = await fitImage(png, 'image/png', LIMIT);
    expect(fitted.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    const meta = await sharp(fitted.bytes).metadata();
    expect(meta.hasAlpha).toBe(false);
    expect(fitted.width).toBe(fitted.height);
  }, 60_000);

  it('reports bytes that are not an image', async () => {
    await expect(fitImage(new TextEncoder().encode('not an image at all'), 'image/png', LIMIT)).rejects.toBeInstanceOf(ImagePrepareError);
  });
});

describe('preparing an image for Mastodon (limits of the instance, same type)', () => {
  const noise = async (width: number, height: number) => {
    const pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 2654435761) >>> 24;
    return sharp(pixels, { raw: { width, height, channels: 3 } });
  };

  it('brings a JPEG under the limit, keeping its type and aspect ratio', async () => {
    const input = await (await noise(600, 400)).jpeg({ quality: 100 }).toBuffer();
    const out = await prepareImageForUpload(input, 'image/jpeg', mastodon(40_000, 33_177_600), strip);
    expect(out.mime).toBe('image/jpeg');
    expect(out.bytes.byteLength).toBeLessThanOrEqual(40_000);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(1.5, 1);
  });

  it('keeps PNG as PNG, respects the pixel limit, and turns other types into JPEG', async () => {
    const png = await (await noise(300, 300)).png().toBuffer();
    const out = await prepareImageForUpload(png, 'image/png', mastodon(10_000_000, 200 * 200), strip);
    expect(out.mime).toBe('image/png');
    const meta = await sharp(out.bytes).metadata();
    expect(meta.width! * meta.height!).toBeLessThanOrEqual(200 * 200);

    const tiff = await (await noise(200, 100)).tiff().toBuffer();
    expect((await prepareImageForUpload(tiff, 'image/tiff', mastodon(10_000, 33_177_600), strip)).mime).toBe('image/jpeg');
  });

  it('gives up on an impossible limit and on unreadable data', async () => {
    const png = await (await noise(100, 100)).png().toBuffer();
    await expect(prepareImageForUpload(png, 'image/png', mastodon(10, 33_177_600), strip)).rejects.toMatchObject({ reason: 'too_large' });
    await expect(prepareImageForUpload(Buffer.from('not an image'), 'image/png', mastodon(1000, 33_177_600), strip)).rejects.toMatchObject({ reason: 'not_an_image' });
  });
});

describe('photo metadata in what is sent', () => {
  /** A phone photo: camera make, GPS position, stored landscape and shown as a portrait (orientation 6). */
  async function phonePhoto(format: 'jpeg' | 'png', width = 320, height = 200): Promise<Buffer> {
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([x % 256, y % 256, x < width / 2 ? 40 : 220], (y * width + x) * 3);
    const image = sharp(pixels, { raw: { width, height, channels: 3 } });
    const exif = {
      IFD0: { Make: 'PhoneCo', Model: 'P1', DateTime: '2026:11:30 08:12:44' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2436/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 758/100' },
    };
    return (format === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png()).withExif(exif).withMetadata({ orientation: 6 }).toBuffer();
  }

  it('the test photo really carries a position and a camera', async () => {
    const meta = await sharp(await phonePhoto('jpeg')).metadata();
    expect(meta.orientation).toBe(6);
    expect(readExif(meta.exif)).toMatchObject({ make: 'PhoneCo', gps: expect.arrayContaining([GPS_LATITUDE]) });
  });

  it.for([
    ['Bluesky', BLUESKY_IMAGE_RULES],
    ['Mastodon', mastodon(16_777_216, 33_177_600)],
  ] as [string, ImageRules][])('%s: a JPEG under the limit goes without EXIF or GPS, turned upright, the original untouched', async ([, rules]) => {
    const photo = await phonePhoto('jpeg');
    const before = Buffer.from(photo);
    const sent = await prepareImageForUpload(photo, 'image/jpeg', rules, strip);
    const meta = await sharp(sent.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(Buffer.from(sent.bytes).includes(Buffer.from('PhoneCo'))).toBe(false);
    expect([meta.format, meta.width, meta.height, meta.orientation ?? 1]).toEqual(['jpeg', 200, 320, 1]);
    expect([sent.width, sent.height]).toEqual([200, 320]);
    // The left half was dark blue, the right half light: turned by 90° clockwise, the top is now dark.
    const { data, info } = await sharp(sent.bytes).raw().toBuffer({ resolveWithObject: true });
    const blueAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 2]!;
    expect(blueAt(100, 20)).toBeLessThan(100);
    expect(blueAt(100, 300)).toBeGreaterThan(160);
    expect(photo.equals(before)).toBe(true);
  });

  it('a PNG keeps its type and every pixel (lossless) while its EXIF goes', async () => {
    const photo = await phonePhoto('png');
    expect(readExif((await sharp(photo).metadata()).exif)?.gps).toContain(GPS_LATITUDE);
    const sent = await prepareImageForUpload(photo, 'image/png', mastodon(16_777_216, 33_177_600), strip);
    const meta = await sharp(sent.bytes).metadata();
    expect([meta.format, meta.exif, meta.width, meta.height]).toEqual(['png', undefined, 200, 320]);
    const upright = await sharp(photo).rotate().raw().toBuffer();
    expect((await sharp(sent.bytes).raw().toBuffer()).equals(upright)).toBe(true);
  });

  it('with "keep photo metadata", a photo that fits goes byte for byte, and a shrunk copy keeps GPS (orientation applied)', async () => {
    const photo = await phonePhoto('jpeg');
    const kept = await prepareImageForUpload(photo, 'image/jpeg', BLUESKY_IMAGE_RULES, keep);
    expect(kept.reencoded).toBe(false);
    expect(Buffer.from(kept.bytes).equals(photo)).toBe(true);

    const big = await sharp(randomBytes(1600 * 1000 * 3), { raw: { width: 1600, height: 1000, channels: 3 } })
      .jpeg({ quality: 100 })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2436/100' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(big.byteLength).toBeGreaterThan(LIMIT);
    const shrunkKept = await prepareImageForUpload(big, 'image/jpeg', BLUESKY_IMAGE_RULES, keep);
    const keptMeta = await sharp(shrunkKept.bytes).metadata();
    expect(shrunkKept.bytes.byteLength).toBeLessThanOrEqual(LIMIT);
    expect(readExif(keptMeta.exif)).toMatchObject({ make: 'PhoneCo', gps: expect.arrayContaining([GPS_LATITUDE]) });
    expect(keptMeta.orientation ?? 1).toBe(1);
    expect(keptMeta.height!).toBeGreaterThan(keptMeta.width!);

    const shrunk = await prepareImageForUpload(big, 'image/jpeg', BLUESKY_IMAGE_RULES, strip);
    expect((await sharp(shrunk.bytes).metadata()).exif).toBeUndefined();
  }, 60_000);
});

describe('an upright JPEG that fits loses its metadata without being re-encoded', () => {
  it('keeps every pixel and the colour profile, drops EXIF, GPS, XMP and comments', async () => {
    const pixels = randomBytes(240 * 160 * 3);
    const photo = await sharp(pixels, { raw: { width: 240, height: 160, channels: 3 } })
      .jpeg({ quality: 88 })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2436/100' } })
      .withIccProfile('p3')
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(readExif(before.exif)?.gps).toContain(GPS_LATITUDE);
    expect(before.icc).toBeDefined();

    const sent = await prepareImageForUpload(photo, 'image/jpeg', mastodon(16_777_216, 33_177_600), strip);
    const after = await sharp(sent.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(Buffer.from(sent.bytes).includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(after.icc?.equals(before.icc!)).toBe(true);
    // Not re-encoded: the very same decoded pixels, and the same bytes but for the dropped segments.
    expect((await sharp(sent.bytes).raw().toBuffer()).equals(await sharp(photo).raw().toBuffer())).toBe(true);
    expect(photo.length - sent.bytes.byteLength).toBe(before.exif!.length + 4);
  });

  it('gives up on bytes that are not laid out as a JPEG', () => {
    expect(stripJpegMetadata(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(stripJpegMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 0x01]))).toBeNull(); // a segment running past the end
  });
});
