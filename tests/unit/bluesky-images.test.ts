import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitImage, ImageFitError } from '../../src/main/core/connectors/bluesky/images';

const LIMIT = 1_000_000;

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

describe('fitImage', () => {
  it('returns an image already under the limit byte for byte', async () => {
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

    // Under the limit it is left alone, and its aspect ratio is the displayed one.
    const small = await sharp(randomBytes(160 * 100 * 3), { raw: { width: 160, height: 100, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await fitImage(small, 'image/jpeg', LIMIT)).toMatchObject({ width: 100, height: 160, reencoded: false });
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
    await expect(fitImage(new TextEncoder().encode('not an image at all'), 'image/png', LIMIT)).rejects.toBeInstanceOf(ImageFitError);
  });
});
