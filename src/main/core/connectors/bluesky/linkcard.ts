/**
 * Link cards (app.bsky.embed.external): the core reads the linked page's Open Graph tags
 * (or its <title> and description) and its preview image. Bluesky's own app does the same on
 * the client side; nothing here is required for the post to go out.
 */

export interface LinkCard {
  title: string;
  description: string;
  imageBytes?: Uint8Array;
  imageMime?: string;
}

export type LinkCardFetcher = (url: string, signal: AbortSignal) => Promise<LinkCard | null>;

export interface LinkCardFetcherOptions {
  fetch?: typeof globalThis.fetch;
  /** Bytes of HTML read at most (the head is near the top). */
  maxHtmlBytes?: number;
  /** Largest preview image downloaded; it is then fitted under Bluesky's blob limit. */
  maxImageBytes?: number;
  userAgent?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z0-9]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function safeCodePoint(n: number): string | null {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : null;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(tag))) attrs.set(match[1]!.toLowerCase(), decodeEntities(match[3] ?? match[4] ?? match[5] ?? ''));
  return attrs;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Title, description and image URL of an HTML page (Open Graph first, then Twitter cards, then <title>). */
export function parseLinkMetadata(html: string, pageUrl: string): { title: string; description: string; imageUrl: string | null } {
  const meta = new Map<string, string>();
  for (const match of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(match[0]);
    const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase();
    const content = attrs.get('content');
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const title = clean(meta.get('og:title') ?? meta.get('twitter:title') ?? (titleTag ? decodeEntities(titleTag) : ''));
  const description = clean(meta.get('og:description') ?? meta.get('twitter:description') ?? meta.get('description') ?? '');
  const rawImage = meta.get('og:image:secure_url') ?? meta.get('og:image') ?? meta.get('og:image:url') ?? meta.get('twitter:image') ?? meta.get('twitter:image:src');
  let imageUrl: string | null = null;
  if (rawImage) {
    try {
      const url = new URL(rawImage.trim(), pageUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') imageUrl = url.href;
    } catch {
      imageUrl = null;
    }
  }
  return { title, description, imageUrl };
}

async function readAtMost(res: Response, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), complete: true };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let complete = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total >= maxBytes) {
      complete = false;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(total, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, bytes.byteLength - offset));
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return { bytes, complete };
}

function charsetOf(contentType: string | null): string {
  const charset = /charset=["']?([^;"'\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return charset ? new TextDecoder(charset).encoding : 'utf-8';
  } catch {
    return 'utf-8';
  }
}

/** The default fetcher: the page (HTML only, first 512 KB), then its preview image (≤ 5 MB). Null when there is nothing to show. */
export function createLinkCardFetcher(options: LinkCardFetcherOptions = {}): LinkCardFetcher {
  const doFetch = options.fetch ?? globalThis.fetch;
  const maxHtmlBytes = options.maxHtmlBytes ?? 512 * 1024;
  const maxImageBytes = options.maxImageBytes ?? 5 * 1024 * 1024;
  const headers = { 'user-agent': options.userAgent ?? 'Tribune (link preview)', 'accept-language': 'en, *;q=0.5' };

  return async (url, signal) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return null;
    const res = await doFetch(target, { signal, redirect: 'follow', headers: { ...headers, accept: 'text/html,application/xhtml+xml' } });
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !/text\/html|application\/xhtml\+xml/i.test(type)) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    const { bytes } = await readAtMost(res, maxHtmlBytes);
    const html = new TextDecoder(charsetOf(type)).decode(bytes);
    const { title, description, imageUrl } = parseLinkMetadata(html, res.url || target.href);
    if (!title && !description && !imageUrl) return null;

    const card: LinkCard = { title, description };
    if (imageUrl) {
      try {
        const image = await doFetch(imageUrl, { signal, redirect: 'follow', headers: { ...headers, accept: 'image/*' } });
        const mime = (image.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        const declared = Number(image.headers.get('content-length') ?? NaN);
        if (image.ok && mime.startsWith('image/') && !(declared > maxImageBytes)) {
          const { bytes: imageBytes, complete } = await readAtMost(image, maxImageBytes + 1);
          if (complete && imageBytes.byteLength > 0 && imageBytes.byteLength <= maxImageBytes) {
            card.imageBytes = imageBytes;
            card.imageMime = mime;
          }
        } else {
          await image.body?.cancel().catch(() => undefined);
        }
      } catch (err) {
        if (signal.aborted) throw err;
        // A card without its picture is still a card.
      }
    }
    return card;
  };
}

/** The default fetcher with the global fetch. */
export const fetchLinkCard: LinkCardFetcher = createLinkCardFetcher();
