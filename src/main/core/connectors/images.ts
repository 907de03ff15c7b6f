/**
 * The one way an image becomes the bytes a network receives, for every connector.
 * Works on bytes in memory: the person's original file in <data>/media is never written.
 *
 * 1. By default the copy carries no metadata: EXIF (camera, time, GPS position), XMP, IPTC and
 *    text comments are dropped. The EXIF orientation is applied to the pixels first, so a
 *    portrait photo stays a portrait. An upright JPEG only loses its metadata segments (not
 *    re-encoded: the same pixels); a turned one is re-encoded at high quality. PNG stays PNG
 *    (lossless), WebP and GIF keep their type. An image with nothing to drop is sent as is.
 *    With the workspace's "keep photo metadata" setting, an image that fits goes byte for byte.
 * 2. Too large for the network (bytes or pixels): a smaller copy, keeping as much of the picture
 *    as possible ("no pixel mush"): first lower qualities at full size (unless an attempt is so
 *    far over, 2.5x, that quality alone cannot make it), then scaling down step by step, each
 *    step sized from how far off the last one was, then a few bisection steps back up to within
 *    4% of the largest size that fits. A 24-megapixel photo takes about 2.5 s on 2 cores.
 *    The network's rules say whether a shrunk copy becomes JPEG (Bluesky: transparency
 *    flattened onto white, first frame only) or keeps PNG, WebP and GIF (Mastodon).
 */
import sharp from 'sharp';

export interface ImageRules {
  maxBytes: number;
  /** Width x height at most (Mastodon's image_matrix_limit); none when omitted. */
  maxPixels?: number;
  /** What a shrunk copy becomes: always JPEG, or the same type for PNG, WebP and GIF. */
  shrinkTo: 'jpeg' | 'same';
}

export interface UploadImageOptions {
  /** The workspace's "keep photo metadata" setting (off by default). */
  keepMetadata: boolean;
}

export interface UploadImage {
  bytes: Uint8Array;
  mime: string;
  /** Pixel size as displayed (orientation applied): Bluesky's aspectRatio. */
  width: number;
  height: number;
  /** False when `bytes` is the input itself. */
  reencoded: boolean;
}

export class ImagePrepareError extends Error {
  constructor(
    readonly reason: 'not_an_image' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'ImagePrepareError';
  }
}

const FORMAT_MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/heif',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/** Full-size re-encoding when only metadata is dropped: visually the same picture. */
const STRIP_QUALITY = 92;
/** Tried in order at full size when too large; the downscaling steps use DOWNSCALE_QUALITY. */
const FULL_SIZE_QUALITIES = [90, 85, 80, 75];
const DOWNSCALE_QUALITY = 80;
const MIN_SIDE = 16;
const MAX_STEPS = 30;
const BISECTION_STEPS = 3;

type Format = 'jpeg' | 'png' | 'webp' | 'gif';

/** Anything a person may not want to publish: camera, date, position, software, comments. */
function carriesMetadata(meta: sharp.Metadata): boolean {
  return Boolean(meta.exif?.length || meta.xmp?.length || meta.iptc?.length || meta.comments?.length || (meta.orientation ?? 1) > 1);
}

const asBytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The bytes to send a network for one image: see the file's comment. */
export async function prepareImageForUpload(input: Uint8Array, mime: string, rules: ImageRules, options: UploadImageOptions): Promise<UploadImage> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { failOn: 'none' }).metadata();
  } catch (err) {
    throw new ImagePrepareError('not_an_image', `not a readable image: ${(err as Error).message}`);
  }
  if (!meta.width || !meta.height) throw new ImagePrepareError('not_an_image', 'not a readable image: no dimensions');
  // An animated GIF/WebP shows one frame at a time: its height is a frame's.
  const rawHeight = meta.pageHeight && meta.pageHeight < meta.height ? meta.pageHeight : meta.height;
  const swap = (meta.orientation ?? 1) >= 5; // orientations 5-8 turn the picture by 90°
  const width = swap ? rawHeight : meta.width;
  const height = swap ? meta.width : rawHeight;
  const detected = meta.format ? FORMAT_MIME[meta.format] : undefined;
  const pixelLimit = rules.maxPixels ?? Number.POSITIVE_INFINITY;
  const fits = input.byteLength <= rules.maxBytes && width * height <= pixelLimit;

  if (fits && (options.keepMetadata || !carriesMetadata(meta))) {
    return { bytes: input, mime: detected ?? mime, width, height, reencoded: false };
  }

  const sourceFormat = meta.format === 'png' || meta.format === 'webp' || meta.format === 'gif' ? meta.format : 'jpeg';
  const animated = sourceFormat === 'gif' || (sourceFormat === 'webp' && (meta.pages ?? 1) > 1);

  const encode = async (format: Format, quality: number, scale: number, palette = false) => {
    // JPEG output keeps the first frame only; GIF and WebP keep their animation.
    const keepFrames = animated && format !== 'jpeg';
    let pipeline = sharp(input, { failOn: 'none', ...(keepFrames ? { animated: true } : { pages: 1 }) }).rotate();
    if (scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(width * scale)), withoutEnlargement: true });
    if (options.keepMetadata) pipeline = pipeline.keepMetadata();
    if (format === 'png') pipeline = pipeline.png({ compressionLevel: 9, palette, effort: 7 });
    else if (format === 'webp') pipeline = pipeline.webp({ quality });
    else if (format === 'gif') pipeline = pipeline.gif({ effort: 7 });
    else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    // An animated image's frames are stacked: the displayed height is one frame's.
    const outHeight = keepFrames ? Math.round(info.height / Math.max(1, meta.pages ?? 1)) : info.height;
    return { bytes: asBytes(data), mime: `image/${format}`, width: info.width, height: outHeight, reencoded: true };
  };
  const within = (image: UploadImage) => image.bytes.byteLength <= rules.maxBytes;

  // Fits and upright: a JPEG loses its metadata segments without being re-encoded (no quality lost).
  if (fits && meta.format === 'jpeg' && (meta.orientation ?? 1) === 1) {
    const stripped = stripJpegMetadata(input);
    if (stripped) return { bytes: stripped, mime: 'image/jpeg', width, height, reencoded: true };
  }
  // Fits: only the metadata goes (and the orientation is applied), in the same type.
  if (fits) {
    const stripped = await encode(sourceFormat, STRIP_QUALITY, 1);
    if (within(stripped)) return stripped;
  }

  // Too large: a smaller copy. Start at the pixel limit, if any.
  const target: Format = rules.shrinkTo === 'jpeg' ? 'jpeg' : sourceFormat;
  const lossy = target === 'jpeg' || target === 'webp';
  const startScale = Math.min(1, Math.sqrt(pixelLimit / (width * height)) * 0.999);
  let lastSize = Number.POSITIVE_INFINITY;
  for (const [i, quality] of (lossy ? FULL_SIZE_QUALITIES : [0]).entries()) {
    const attempt = await encode(target, quality, startScale, i > 0);
    if (within(attempt)) return attempt;
    lastSize = attempt.bytes.byteLength;
    // Quality alone gains a few tens of percent: far over the limit, go straight to scaling.
    if (lastSize > rules.maxBytes * 2.5) break;
  }

  // Scale down. The encoded size shrinks roughly with the pixel count, so each step shrinks the
  // side by about the square root of how much too large the last attempt was; once a size fits,
  // a few bisection steps between it and the smallest size known too large win back what the
  // estimate gave away (pictures with fine detail shrink faster than their pixel count).
  let tooLarge = startScale;
  let best: { scale: number; image: UploadImage } | null = null;
  let scale = startScale;
  for (let step = 0; step < MAX_STEPS && !best; step++) {
    scale *= Math.min(0.95, Math.max(0.5, Math.sqrt(rules.maxBytes / lastSize) * 0.97));
    if (Math.round(width * scale) < MIN_SIDE || Math.round(height * scale) < MIN_SIDE) break;
    const attempt = await encode(target, DOWNSCALE_QUALITY, scale, true);
    if (within(attempt)) best = { scale, image: attempt };
    else {
      tooLarge = scale;
      lastSize = attempt.bytes.byteLength;
    }
  }
  for (let step = 0; best && step < BISECTION_STEPS && tooLarge / best.scale > 1.04; step++) {
    const middle = Math.sqrt(tooLarge * best.scale);
    const attempt = await encode(target, DOWNSCALE_QUALITY, middle, true);
    if (within(attempt)) best = { scale: middle, image: attempt };
    else tooLarge = middle;
  }
  if (best) return best.image;
  throw new ImagePrepareError('too_large', `could not bring the image under ${rules.maxBytes} bytes`);
}

/**
 * APP1 (EXIF, XMP), APP13 (IPTC) and COM segments removed from a JPEG, every other byte kept
 * (JFIF, the ICC colour profile, Adobe, the picture itself): the same pixels, no metadata.
 * Null when the file is not laid out as expected (the caller re-encodes instead).
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array | null {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (length < 2 || at + 2 + length > jpeg.length) return null;
    if (marker === 0xda) {
      kept.push(jpeg.subarray(at)); // start of scan: the rest is the picture
      const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
      let offset = 0;
      for (const part of kept) {
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    }
    const drop = marker === 0xe1 || marker === 0xed || marker === 0xfe;
    if (!drop) kept.push(jpeg.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return null;
}
