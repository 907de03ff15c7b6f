/**
 * In-memory records of the stand-in and their rendering as Mastodon API entities
 * (snake_case JSON, as the server sends them).
 */

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface InstanceLimits {
  maxCharacters: number;
  charactersReservedPerUrl: number;
  maxMediaAttachments: number;
  maxPollOptions: number;
  maxCharactersPerPollOption: number;
  minPollExpiration: number;
  maxPollExpiration: number;
  imageSizeLimit: number;
  imageMatrixLimit: number;
  videoSizeLimit: number;
  videoFrameRateLimit: number;
  videoMatrixLimit: number;
  descriptionLimit: number;
  supportedMimeTypes: string[];
}

/** Mastodon 4.x defaults. */
export const DEFAULT_LIMITS: InstanceLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  maxPollOptions: 4,
  maxCharactersPerPollOption: 50,
  minPollExpiration: 300,
  maxPollExpiration: 2_629_746,
  imageSizeLimit: 16_777_216,
  imageMatrixLimit: 33_177_600,
  videoSizeLimit: 103_809_024,
  videoFrameRateLimit: 120,
  videoMatrixLimit: 8_294_400,
  descriptionLimit: 1_500,
  supportedMimeTypes: [
    'image/jpeg', 'image/png', 'image/gif', 'image/heic', 'image/heif', 'image/webp', 'image/avif',
    'video/webm', 'video/mp4', 'video/quicktime', 'video/ogg',
    'audio/wave', 'audio/wav', 'audio/x-wav', 'audio/x-pn-wave', 'audio/vnd.wave', 'audio/ogg', 'audio/vorbis',
    'audio/mpeg', 'audio/mp3', 'audio/webm', 'audio/flac', 'audio/aac', 'audio/m4a', 'audio/x-m4a', 'audio/mp4', 'audio/3gpp',
  ],
};

export interface AccountRecord {
  id: string;
  username: string;
  displayName: string;
  createdAt: string;
  defaultVisibility: Visibility;
  language: string;
}

export interface AppRecord {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
  createdAt: string;
}

export interface AuthorizationCodeRecord {
  code: string;
  appId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  issuedAt: number;
  used: boolean;
}

export interface TokenRecord {
  accessToken: string;
  appId: string;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
}

export interface MediaRecord {
  id: string;
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown';
  mimeType: string;
  fileName: string;
  size: number;
  /** The bytes received, so tests can check what was sent (metadata, orientation). */
  data: Uint8Array;
  width: number | null;
  height: number | null;
  description: string | null;
  focus: { x: number; y: number } | null;
  /** GET /api/v1/media/:id answers 206 this many more times before the media is processed. */
  pendingPolls: number;
  /** GET polls received so far. */
  polls: number;
  processing: 'processing' | 'processed' | 'failed';
  statusId: string | null;
  scheduledStatusId: string | null;
  createdAt: string;
}

export interface PollRecord {
  id: string;
  options: string[];
  expiresIn: number;
  expiresAt: string;
  multiple: boolean;
  hideTotals: boolean;
}

export interface StatusRecord {
  id: string;
  createdAt: string;
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  poll: PollRecord | null;
  appId: string | null;
  idempotencyKey: string | null;
  deletedAt: string | null;
  /** Set when the status was published from a scheduled status. */
  fromScheduledStatusId: string | null;
}

export interface ScheduledStatusParams {
  text: string;
  spoilerText: string | null;
  sensitive: boolean | null;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  mediaIds: string[];
  poll: { options: string[]; expiresIn: number; multiple: boolean; hideTotals: boolean } | null;
}

export interface ScheduledStatusRecord {
  id: string;
  scheduledAt: string;
  params: ScheduledStatusParams;
  appId: string | null;
  idempotencyKey: string | null;
  createdAt: string;
}

export interface RenderContext {
  baseUrl: string;
  /** The handle domain when it differs from the API host ("split domain" mode). */
  handleDomain: string | null;
  /** The streaming API's address when it is not on the API's origin (option `streamingApart`). */
  streamingUrl?: string | null;
  account: AccountRecord;
  limits: InstanceLimits;
  statusesCount: number;
  lastStatusAt: string | null;
  apps: readonly AppRecord[];
  media: readonly MediaRecord[];
  statuses: readonly StatusRecord[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/g;
const TOKEN_RE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}])|(^|(?<=\s))#([\p{L}\p{N}_]+)/gu;
const MENTION_RE = /(^|\s)@(\w+)@[\w.-]+\w/g;

export function hashtags(text: string): string[] {
  const tags = new Set<string>();
  for (const m of text.matchAll(TOKEN_RE)) if (m[3]) tags.add(m[3].toLowerCase());
  return [...tags];
}

/** Status HTML the way Mastodon formats plain text: paragraphs, <br />, links and hashtags. */
export function renderContent(text: string, baseUrl: string): string {
  const renderLine = (line: string) => {
    let out = '';
    let last = 0;
    for (const m of line.matchAll(TOKEN_RE)) {
      out += escapeHtml(line.slice(last, m.index));
      if (m[1]) {
        const href = escapeHtml(m[1]);
        out += `<a href="${href}" target="_blank" rel="nofollow noopener">${href}</a>`;
      } else {
        out += `<a href="${baseUrl}/tags/${encodeURIComponent(m[3]!.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(m[3]!)}</span></a>`;
      }
      last = m.index + m[0].length;
    }
    return out + escapeHtml(line.slice(last));
  };
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map(renderLine).join('<br />')}</p>`)
    .join('');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Mastodon's StatusLengthValidator: URLs count as characters_reserved_per_url, remote mentions as @user. */
export function countCharacters(text: string, spoilerText: string, reservedPerUrl: number): number {
  const countable = (spoilerText + text).replace(URL_RE, 'x'.repeat(reservedPerUrl)).replace(MENTION_RE, '$1@$2');
  return [...segmenter.segment(countable)].length;
}

export function mediaTypeOf(mime: string): MediaRecord['type'] {
  if (mime === 'image/gif') return 'gifv';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'unknown';
}

/** Width and height of a PNG (IHDR), or nulls. */
export function pngSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) return { width: null, height: null };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const day = (iso: string) => iso.slice(0, 10);

export function renderAccount(ctx: RenderContext): Record<string, unknown> {
  const { account: a, baseUrl } = ctx;
  return {
    id: a.id,
    username: a.username,
    acct: a.username,
    display_name: a.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    hide_collections: false,
    noindex: false,
    created_at: a.createdAt,
    note: '<p>Community account used by Tribune tests.</p>',
    url: `${baseUrl}/@${a.username}`,
    uri: `${baseUrl}/users/${a.username}`,
    avatar: `${baseUrl}/avatars/original/missing.png`,
    avatar_static: `${baseUrl}/avatars/original/missing.png`,
    header: `${baseUrl}/headers/original/missing.png`,
    header_static: `${baseUrl}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: ctx.statusesCount,
    last_status_at: ctx.lastStatusAt ? day(ctx.lastStatusAt) : null,
    emojis: [],
    fields: [],
    roles: [],
  };
}

export function renderCredentialAccount(ctx: RenderContext): Record<string, unknown> {
  return {
    ...renderAccount(ctx),
    source: {
      privacy: ctx.account.defaultVisibility,
      sensitive: false,
      language: ctx.account.language,
      note: 'Community account used by Tribune tests.',
      fields: [],
      follow_requests_count: 0,
      indexable: true,
      discoverable: true,
      hide_collections: false,
      attribution_domains: [],
    },
    role: { id: '-99', name: '', permissions: '65536', color: '', highlighted: false },
  };
}

export function renderMedia(m: MediaRecord, baseUrl: string): Record<string, unknown> {
  const processed = m.processing === 'processed';
  const file = `${baseUrl}/system/media_attachments/files/${m.id}`;
  const ext = m.mimeType.split('/')[1] ?? 'bin';
  const original = m.width && m.height ? { width: m.width, height: m.height, aspect: m.width / m.height } : {};
  return {
    id: m.id,
    type: m.type,
    url: processed ? `${file}/original/${m.id}.${ext}` : null,
    preview_url: processed ? `${file}/small/${m.id}.${ext}` : null,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: processed ? { original, small: original, ...(m.focus ? { focus: m.focus } : {}) } : m.focus ? { focus: m.focus } : null,
    description: m.description,
    blurhash: processed && m.type !== 'audio' ? 'UFBWY:8_0Jxv~qofM{WB00of%MRj-;of%MRj' : null,
  };
}

export function renderApplication(app: AppRecord | undefined): Record<string, unknown> | null {
  return app ? { name: app.name, website: app.website } : null;
}

export function renderPoll(p: PollRecord, now: number): Record<string, unknown> {
  const expired = Date.parse(p.expiresAt) <= now;
  return {
    id: p.id,
    expires_at: p.expiresAt,
    expired,
    multiple: p.multiple,
    votes_count: 0,
    voters_count: 0,
    voted: true,
    own_votes: [],
    options: p.options.map((title) => ({ title, votes_count: p.hideTotals && !expired ? null : 0 })),
    emojis: [],
  };
}

export function renderStatus(s: StatusRecord, ctx: RenderContext, now: number, opts: { withSource?: boolean } = {}): Record<string, unknown> {
  const { baseUrl, account } = ctx;
  const parent = s.inReplyToId ? ctx.statuses.find((x) => x.id === s.inReplyToId) : undefined;
  const replies = ctx.statuses.filter((x) => x.inReplyToId === s.id && !x.deletedAt).length;
  return {
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: parent ? account.id : null,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: `${baseUrl}/users/${account.username}/statuses/${s.id}`,
    url: `${baseUrl}/@${account.username}/${s.id}`,
    replies_count: replies,
    reblogs_count: 0,
    favourites_count: 0,
    quotes_count: 0,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: renderContent(s.text, baseUrl),
    filtered: [],
    reblog: null,
    application: renderApplication(ctx.apps.find((a) => a.id === s.appId)),
    account: renderAccount(ctx),
    media_attachments: s.mediaIds.map((id) => renderMedia(ctx.media.find((m) => m.id === id)!, baseUrl)),
    mentions: [],
    tags: hashtags(s.text).map((name) => ({ name, url: `${baseUrl}/tags/${encodeURIComponent(name)}` })),
    emojis: [],
    card: null,
    poll: s.poll ? renderPoll(s.poll, now) : null,
    quote: null,
    ...(opts.withSource ? { text: s.text } : {}),
  };
}

export function renderScheduledStatus(s: ScheduledStatusRecord, ctx: RenderContext): Record<string, unknown> {
  const p = s.params;
  const app = ctx.apps.find((a) => a.id === s.appId);
  return {
    id: s.id,
    scheduled_at: s.scheduledAt,
    media_attachments: p.mediaIds.map((id) => renderMedia(ctx.media.find((m) => m.id === id)!, ctx.baseUrl)),
    params: {
      text: p.text,
      spoiler_text: p.spoilerText,
      sensitive: p.sensitive,
      visibility: p.visibility,
      language: p.language,
      // Mastodon stores the replied-to status id as an integer (PostStatusService#scheduled_options).
      in_reply_to_id: p.inReplyToId === null ? null : Number(p.inReplyToId),
      media_ids: p.mediaIds.length ? p.mediaIds : null,
      poll: p.poll ? { options: p.poll.options, expires_in: p.poll.expiresIn, multiple: p.poll.multiple, hide_totals: p.poll.hideTotals } : null,
      scheduled_at: null,
      idempotency: null,
      application_id: app ? Number(app.id) : 0,
      with_rate_limit: false,
      quoted_status_id: null,
    },
  };
}

export function renderInstanceV2(ctx: RenderContext, version: string): Record<string, unknown> {
  const { baseUrl, limits: l } = ctx;
  const host = new URL(baseUrl).host;
  return {
    domain: ctx.handleDomain ?? host,
    title: 'Tribune stand-in',
    version,
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A local stand-in for a Mastodon server, used by Tribune tests.',
    usage: { users: { active_month: 1 } },
    thumbnail: { url: `${baseUrl}/packs/media/images/preview.png`, blurhash: null, versions: null },
    icon: [{ src: `${baseUrl}/packs/media/icons/android-chrome-36x36.png`, size: '36x36' }],
    languages: ['en'],
    configuration: {
      urls: {
        streaming: ctx.streamingUrl ?? null,
        status: null,
        about: `${baseUrl}/about`,
        privacy_policy: `${baseUrl}/privacy-policy`,
        terms_of_service: null,
      },
      accounts: {
        max_featured_tags: 10,
        max_pinned_statuses: 5,
        max_display_name_length: 30,
        max_note_length: 500,
        max_profile_fields: 4,
        profile_field_name_limit: 255,
        profile_field_value_limit: 255,
      },
      statuses: {
        max_characters: l.maxCharacters,
        max_media_attachments: l.maxMediaAttachments,
        characters_reserved_per_url: l.charactersReservedPerUrl,
      },
      media_attachments: {
        supported_mime_types: l.supportedMimeTypes,
        description_limit: l.descriptionLimit,
        image_size_limit: l.imageSizeLimit,
        image_matrix_limit: l.imageMatrixLimit,
        video_size_limit: l.videoSizeLimit,
        video_frame_rate_limit: l.videoFrameRateLimit,
        video_matrix_limit: l.videoMatrixLimit,
      },
      polls: {
        max_options: l.maxPollOptions,
        max_characters_per_option: l.maxCharactersPerPollOption,
        min_expiration: l.minPollExpiration,
        max_expiration: l.maxPollExpiration,
      },
      translation: { enabled: false },
      limited_federation: false,
    },
    registrations: { enabled: false, approval_required: false, reason_required: false, message: null, url: null, min_age: null },
    api_versions: { mastodon: 7 },
    contact: { email: 'admin@tribune.invalid', account: null },
    rules: [],
  };
}

export function renderInstanceV1(ctx: RenderContext, version: string): Record<string, unknown> {
  const { baseUrl, limits: l } = ctx;
  const host = new URL(baseUrl).host;
  return {
    uri: ctx.handleDomain ?? host,
    title: 'Tribune stand-in',
    short_description: 'A local stand-in for a Mastodon server.',
    description: 'A local stand-in for a Mastodon server, used by Tribune tests.',
    email: 'admin@tribune.invalid',
    version,
    urls: { streaming_api: ctx.streamingUrl ?? `ws://${host}` },
    stats: { user_count: 1, status_count: ctx.statusesCount, domain_count: 0 },
    thumbnail: null,
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10 },
      statuses: {
        max_characters: l.maxCharacters,
        max_media_attachments: l.maxMediaAttachments,
        characters_reserved_per_url: l.charactersReservedPerUrl,
      },
      media_attachments: {
        supported_mime_types: l.supportedMimeTypes,
        image_size_limit: l.imageSizeLimit,
        image_matrix_limit: l.imageMatrixLimit,
        video_size_limit: l.videoSizeLimit,
        video_frame_rate_limit: l.videoFrameRateLimit,
        video_matrix_limit: l.videoMatrixLimit,
      },
      polls: {
        max_options: l.maxPollOptions,
        max_characters_per_option: l.maxCharactersPerPollOption,
        min_expiration: l.minPollExpiration,
        max_expiration: l.maxPollExpiration,
      },
    },
    contact_account: null,
    rules: [],
  };
}
