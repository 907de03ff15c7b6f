/**
 * What one Mastodon-compatible server accepts, read from /api/v2/instance, falling back to
 * /api/v1/instance (servers before Mastodon 4.0 and some other implementations answer v2 with a
 * plain-text 404), and to Mastodon's defaults when both fail. Read with plain fetch: the raw
 * snake_case document is mapped leniently, so fields other servers add or omit do not matter.
 */
import { Capabilities } from '../../../../shared/publishing';
import { mastodonLimitsFromInstance } from '../../../../shared/text/limits';
import { MASTODON_DEFAULTS } from '../../../../shared/rules/capabilities';
import { DEFAULT_TIMEOUT_MS, MastodonHttp } from './http';
import { normalizeInstanceUrl } from './instance-url';

/** The parts of an instance document Tribune reads, with the server's limits (for resizing). */
export interface InstanceInfo {
  source: 'v2' | 'v1' | 'defaults';
  capabilities: Capabilities;
  imageMatrixLimit: number;
  /**
   * The domain of the server's handles (v2 `domain`, v1 `uri`): Mastodon's LOCAL_DOMAIN, which
   * may differ from the host serving the API (WEB_DOMAIN). Null when the server did not say.
   */
  domain: string | null;
  /**
   * Where the server's streaming API is (v2 `configuration.urls.streaming`, v1
   * `urls.streaming_api`): often another host or port than the API's. Null when not said.
   */
  streamingUrl: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const posInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

/** A ws(s) or http(s) address, or null. */
function streamingAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return ['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol) && !url.username && !url.password ? url.href : null;
  } catch {
    return null;
  }
}

/** A bare host name ("example.com", "example.com:8443"); v1's `uri` is sometimes given as a URL. */
function handleDomain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const host = value.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return /^[a-z0-9.-]+(?::\d{1,5})?$/.test(host) && !host.startsWith('.') ? host : null;
}

function mapInstance(doc: Json): Omit<InstanceInfo, 'source'> {
  const configuration = obj(doc.configuration);
  const statuses = obj(configuration?.statuses);
  const media = obj(configuration?.media_attachments);
  // Pleroma / Akkoma announce their limits in v1 as max_toot_chars and poll_limits.
  const pleromaPolls = obj(doc.poll_limits);
  const polls = obj(configuration?.polls);

  const text = mastodonLimitsFromInstance({
    max_characters: statuses?.max_characters ?? doc.max_toot_chars,
    characters_reserved_per_url: statuses?.characters_reserved_per_url,
  });
  const mimeTypes = Array.isArray(media?.supported_mime_types) ? media.supported_mime_types.filter((t): t is string => typeof t === 'string') : [];
  const imageTypes = mimeTypes.filter((t) => t.startsWith('image/'));

  const d = MASTODON_DEFAULTS.poll;
  const maxOptions = posInt(polls?.max_options) ?? posInt(pleromaPolls?.max_options) ?? d.maxOptions;
  const minExpiration = posInt(polls?.min_expiration) ?? posInt(pleromaPolls?.min_expiration) ?? d.minExpirationSeconds;
  const maxExpiration = posInt(polls?.max_expiration) ?? posInt(pleromaPolls?.max_expiration) ?? d.maxExpirationSeconds;
  const poll =
    maxOptions >= 2
      ? {
          maxOptions,
          maxOptionCharacters: posInt(polls?.max_characters_per_option) ?? posInt(pleromaPolls?.max_option_chars) ?? d.maxOptionCharacters,
          minExpirationSeconds: minExpiration,
          maxExpirationSeconds: Math.max(minExpiration, maxExpiration),
        }
      : null;

  const capabilities = Capabilities.parse({
    network: 'mastodon',
    text,
    media: {
      maxCount: posInt(statuses?.max_media_attachments) ?? posInt(doc.max_media_attachments) ?? MASTODON_DEFAULTS.maxMediaAttachments,
      maxImageBytes: posInt(media?.image_size_limit) ?? MASTODON_DEFAULTS.imageSizeLimit,
      acceptedTypes: imageTypes.length ? imageTypes : [...MASTODON_DEFAULTS.imageTypes],
      maxAltTextLength: posInt(media?.description_limit) ?? MASTODON_DEFAULTS.descriptionLimit,
    },
    threads: true,
    contentWarning: true,
    poll,
    languages: true,
    visibilities: ['public', 'unlisted', 'private', 'direct'],
  });
  return {
    capabilities,
    imageMatrixLimit: posInt(media?.image_matrix_limit) ?? MASTODON_DEFAULTS.imageMatrixLimit,
    domain: handleDomain(doc.domain) ?? handleDomain(doc.uri),
    streamingUrl: streamingAddress(obj(configuration?.urls)?.streaming) ?? streamingAddress(obj(doc.urls)?.streaming_api),
  };
}

/** What Tribune assumes of a Mastodon server before it has read the server's own limits (offline composing). */
export const MASTODON_DEFAULT_CAPABILITIES: Capabilities = mapInstance({}).capabilities;

async function fetchDocument(http: MastodonHttp, path: string, timeoutMs: number): Promise<Json | null> {
  try {
    const { body } = await http.request({ method: 'GET', path, timeoutMs });
    return obj(body) ?? null;
  } catch {
    return null; // 404 in plain text, an HTML error page, a timeout: try the next source
  }
}

export async function readInstance(instanceUrl: string, opts: { timeoutMs?: number } = {}): Promise<InstanceInfo> {
  const base = normalizeInstanceUrl(instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = new MastodonHttp(base);
  const v2 = await fetchDocument(http, '/api/v2/instance', timeoutMs);
  if (v2) return { source: 'v2', ...mapInstance(v2) };
  const v1 = await fetchDocument(http, '/api/v1/instance', timeoutMs);
  if (v1) return { source: 'v1', ...mapInstance(v1) };
  return { source: 'defaults', ...mapInstance({}) };
}

/** The shared Capabilities of a Mastodon-compatible server (never throws: defaults when the server says nothing usable). */
export async function readCapabilities(instanceUrl: string, opts: { timeoutMs?: number } = {}): Promise<Capabilities> {
  return (await readInstance(instanceUrl, opts)).capabilities;
}
