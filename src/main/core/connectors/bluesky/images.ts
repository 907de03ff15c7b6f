/**
 * Bluesky's image rules (app.bsky.embed.images: 1,000,000 bytes per blob): what the shared
 * preparation (connectors/images.ts) needs to know. A shrunk copy becomes JPEG, which a
 * 1 MB limit needs; metadata is dropped unless the workspace keeps it.
 */
import { BLUESKY_DEFAULTS } from '../../../../shared/rules/capabilities';
import { prepareImageForUpload, type ImageRules, type UploadImage, type UploadImageOptions } from '../images';

export const BLUESKY_IMAGE_RULES: ImageRules = { maxBytes: BLUESKY_DEFAULTS.maxImageBytes, shrinkTo: 'jpeg' };

/** The blob to upload for one image (throws ImagePrepareError when it cannot be one). */
export const imageForBluesky = (bytes: Uint8Array, mime: string, options: UploadImageOptions): Promise<UploadImage> =>
  prepareImageForUpload(bytes, mime, BLUESKY_IMAGE_RULES, options);
