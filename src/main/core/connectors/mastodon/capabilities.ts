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

/** Mastodon 4.x defaults: defined once in the shared rule book. */
export { MASTODON_DEFAULTS };

/** The parts of an instance document Tribune reads, with the server's limits (for resizing). */
export interface InstanceInfo {
  source: 'v2' | 'v1' | 'defaults';
  capabilities: Capabilities;
  imageMatrixLimit: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const posInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

function mapInstance(doc: Json, serverScheduling: boolean): { capabilities: Capabilities; imageMatrixLimit: number } {
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
    serverScheduling,
  });
  return { capabilities, imageMatrixLimit: posInt(media?.image_matrix_limit) ?? MASTODON_DEFAULTS.imageMatrixLimit };
}

/** What Tribune assumes of a Mastodon server before it has read the server's own limits (offline composing). */
export const MASTODON_DEFAULT_CAPABILITIES: Capabilities = mapInstance({}, true).capabilities;

async function fetchDocument(http: MastodonHttp, path: string, timeoutMs: number): Promise<Json | null> {
  try {
    const { body } = await http.request({ method: 'GET', path, timeoutMs });
    return obj(body) ?? null;
  } catch {
    return null; // 404 in plain text, an HTML error page, a timeout: try the next source
  }
}

/**
 * Whether the server keeps scheduled statuses. A cheap listing that tolerates a 404: only an
 * explicit "not found" means the feature is missing (401/403 still prove the route exists, and a
 * network failure proves nothing, so it keeps the default).
 */
export async function probeScheduledStatuses(http: MastodonHttp, accessToken: string | undefined, timeoutMs: number): Promise<boolean> {
  try {
    const { response } = await http.raw({ method: 'GET', path: '/api/v1/scheduled_statuses?limit=1', accessToken, timeoutMs });
    return response.status !== 404 && response.status !== 410 && response.status !== 501;
  } catch {
    return true;
  }
}

export async function readInstance(instanceUrl: string, accessToken?: string, opts: { timeoutMs?: number } = {}): Promise<InstanceInfo> {
  const base = normalizeInstanceUrl(instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = new MastodonHttp(base);
  const [v2, serverScheduling] = await Promise.all([
    fetchDocument(http, '/api/v2/instance', timeoutMs),
    probeScheduledStatuses(http, accessToken, timeoutMs),
  ]);
  if (v2) return { source: 'v2', ...mapInstance(v2, serverScheduling) };
  const v1 = await fetchDocument(http, '/api/v1/instance', timeoutMs);
  if (v1) return { source: 'v1', ...mapInstance(v1, serverScheduling) };
  return { source: 'defaults', ...mapInstance({}, serverScheduling) };
}

/** The shared Capabilities of a Mastodon-compatible server (never throws: defaults when the server says nothing usable). */
export async function readCapabilities(instanceUrl: string, accessToken?: string, opts: { timeoutMs?: number } = {}): Promise<Capabilities> {
  return (await readInstance(instanceUrl, accessToken, opts)).capabilities;
}
