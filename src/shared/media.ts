/**
 * Images a person adds to a post: the one size limit and the types Tribune takes, for the
 * core, the renderer and both hosts. The networks' own (smaller) limits are met by resized
 * copies at publishing time; the original file is kept as it came.
 */

/** The largest image file Tribune takes: an ordinary phone photo, well above any network's limit. */
export const MAX_IMAGE_FILE_BYTES = 25 * 1024 * 1024;
/** The same limit as people read it ("25 MB"): the parameter of media_too_large. */
export const MAX_IMAGE_FILE_MEGABYTES = MAX_IMAGE_FILE_BYTES / 1_048_576;

/** The image types Tribune takes (checked on the bytes, not the name). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const isImageType = (mime: string): mime is ImageType => (IMAGE_TYPES as readonly string[]).includes(mime);

/** The file's extension in the data folder, by type. */
export const IMAGE_EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/** media.import carries the bytes as base64 (desktop bridge): 4 characters for 3 bytes. */
export const MAX_IMAGE_BASE64_LENGTH = Math.ceil(MAX_IMAGE_FILE_BYTES / 3) * 4;

/**
 * The web host's upload route: the browser POSTs the file's raw bytes there (the WebSocket
 * takes messages of 2 MiB at most). The launch secret travels in a header, never in the address.
 */
export const MEDIA_UPLOAD_PATH = '/media';
export const MEDIA_UPLOAD_TOKEN_HEADER = 'x-tribune-token';
