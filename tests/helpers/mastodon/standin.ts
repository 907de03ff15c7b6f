/**
 * A local stand-in for a Mastodon server (node:http on 127.0.0.1, in-memory state) that checks
 * every request it receives and every response it sends against the Mastodon OpenAPI
 * description (see spec.ts). A violation is recorded, answered with 422 (request) or 500
 * (response) and makes `assertNoViolations()` throw. See README.md in this folder.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mastodonSpec, type MatchedOperation, type OperationInfo } from './spec';
import { parseBody, parseQuery, readBody } from './params';
import {
  DEFAULT_LIMITS,
  countCharacters,
  mediaTypeOf,
  pngSize,
  renderCredentialAccount,
  renderInstanceV1,
  renderInstanceV2,
  renderMedia,
  renderScheduledStatus,
  renderStatus,
  type AccountRecord,
  type AppRecord,
  type AuthorizationCodeRecord,
  type InstanceLimits,
  type MediaRecord,
  type RenderContext,
  type ScheduledStatusParams,
  type ScheduledStatusRecord,
  type StatusRecord,
  type TokenRecord,
  type Visibility,
} from './entities';
import { communityApi, newCommunity, type Community } from './community';
import { moderationApi, type ModerationState } from './moderation';
import { createStreaming, serveStreamingApart, type StreamingControls } from './streaming';

export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

/** A fault served instead of (or around) the normal answer of one route, `times` times (default 1). */
export type Fault = (
  | { kind: 'error'; status?: 500 | 502 | 503 | 504; /** answer an HTML page, as a proxy in front of Mastodon does */ html?: boolean }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  /** 'before': nothing happens on the server; 'after': the request takes effect but the answer is lost. */
  | { kind: 'destroySocket'; when?: 'before' | 'after' }
  /** Answers this status with this JSON body (an Error: `error` is required), as a server that refuses the request. */
  | { kind: 'refuse'; status: number; body: { error: string } & Record<string, unknown> }
) & { times?: number };

export interface MastodonStandInOptions {
  /** Instance limits announced by /api/v1/instance and /api/v2/instance, and enforced. */
  limits?: Partial<InstanceLimits>;
  /** /api/v2/instance answers 404 in plain text (a pre-4.0 or non-Mastodon server). */
  noV2Instance?: boolean;
  /** /api/v1/scheduled_statuses* answer 404 in plain text. */
  noScheduledStatuses?: boolean;
  /**
   * What POST /api/v1/statuses does with scheduled_at: 'supported' (default), 'ignored' (posts at
   * once, as servers without scheduling do; default when noScheduledStatuses), 'rejected' (422).
   */
  scheduledAt?: 'supported' | 'ignored' | 'rejected';
  /** GET /oauth/authorize redirects at once with ?code= (default true); false shows the consent page. */
  autoApprove?: boolean;
  /**
   * GET /oauth/authorize redirects with ?error=access_denied; 'withoutState' leaves the state
   * out of that redirect, as some Mastodon-API servers do ("refusal without state" mode).
   */
  denyAuthorization?: boolean | 'withoutState';
  /**
   * "Split domain" mode: the handle domain (Mastodon's LOCAL_DOMAIN, announced as `domain` in
   * /api/v2/instance and `uri` in v1) differs from the host that serves the API (WEB_DOMAIN).
   */
  handleDomain?: string;
  /** Refuse authorization requests without a PKCE code_challenge. */
  requirePkce?: boolean;
  /** GET /api/v1/media/:id answers 206 this many times before 200 (default 2; 0: POST /api/v2/media answers 200). */
  mediaProcessingPolls?: number;
  /** How long an Idempotency-Key is remembered (Mastodon: 1 hour). */
  idempotencyWindowMs?: number;
  /** Clock (ms since epoch), for idempotency windows, polls and scheduled statuses. */
  now?: () => number;
  /** Faults per route, e.g. { 'POST /api/v1/statuses': { kind: 'error', status: 500 } }. */
  faults?: Record<string, Fault | Fault[]>;
  /** Report body and query fields the operation does not declare (default true; Mastodon silently ignores them). */
  rejectUnknownFields?: boolean;
  account?: { username?: string; displayName?: string; defaultVisibility?: Visibility; language?: string };
  /** Version announced by the instance endpoints (default 4.5.0, or 3.5.19 with noV2Instance). */
  version?: string;
  /** No streaming / timelines etc.: the community's routes (community.ts) answer 404 when false (default true). */
  community?: boolean;
  /**
   * The streaming API (WebSocket on /api/v1/streaming, streaming.ts). Default false: a server
   * without it (health and upgrade answer 404), so tests that count polling requests stay exact.
   */
  streaming?: boolean;
  /**
   * With `streaming`: the streaming API runs on a server apart (another port, under /relay),
   * announced by the instance documents (v2 `configuration.urls.streaming`, v1
   * `urls.streaming_api`); the API server then has none (health 404, an upgrade is a violation).
   */
  streamingApart?: boolean;
  /** Pings sent on every open stream this often (Mastodon: 30 s). */
  heartbeatMs?: number;
}

export interface RequestLogEntry {
  index: number;
  method: string;
  path: string;
  search: string;
  /** "POST /api/v1/statuses", or null when no operation of the spec matches. */
  route: string | null;
  idempotencyKey: string | null;
  authorized: boolean;
  /** Status code sent; 0 when the socket was destroyed. */
  status: number;
  fault: Fault['kind'] | null;
}

export interface Violation {
  kind: 'request' | 'response' | 'unknown-route' | 'unimplemented' | 'internal';
  method: string;
  path: string;
  route: string | null;
  errors: string[];
}

export interface ServedFault {
  route: string;
  kind: Fault['kind'];
  status: number | null;
  requestIndex: number;
}

export interface StandInState {
  readonly account: AccountRecord;
  readonly limits: InstanceLimits;
  readonly apps: AppRecord[];
  readonly authorizationCodes: AuthorizationCodeRecord[];
  readonly tokens: TokenRecord[];
  readonly statuses: StatusRecord[];
  readonly scheduledStatuses: ScheduledStatusRecord[];
  readonly media: MediaRecord[];
  readonly requests: RequestLogEntry[];
  readonly violations: Violation[];
  readonly faultsServed: ServedFault[];
}

export interface MastodonStandIn {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly state: StandInState;
  close(): Promise<void>;
  /** Adds a fault for a route of the spec ("METHOD /template"). */
  injectFault(route: string, fault: Fault): void;
  clearFaults(): void;
  /** How many faults were served, for one route or all. */
  faultCount(route?: string): number;
  /** Requests received for one route ("POST /api/v1/statuses"). */
  requestsFor(route: string): RequestLogEntry[];
  /** Throws, listing every violation recorded so far. */
  assertNoViolations(): void;
  /** Returns the violations recorded so far and forgets them (for tests that provoke some). */
  takeViolations(): Violation[];
  /** Publishes the scheduled statuses that are due (by the stand-in clock, or `at`). */
  publishDueScheduledStatuses(at?: number): StatusRecord[];
  /** Other accounts, their statuses and notifications (community.ts); `act` makes them post, like, follow. */
  readonly community: Community;
  readonly act: ReturnType<typeof communityApi>['helpers'];
  /** Reports, mutes and blocks received, and the instance's rules (moderation.ts). */
  readonly moderation: ModerationState;
  /** The streaming API's state and faults (kill, quiet). */
  readonly streaming: StreamingControls;
  /** Finishes processing of a media attachment at once. */
  finishMediaProcessing(id: string): void;
  /** Makes processing of a media attachment fail (GET/PUT then answer 422). */
  failMediaProcessing(id: string): void;
}

interface HandlerContext {
  method: string;
  url: URL;
  route: string;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  files: Map<string, File>;
  headers: IncomingHttpHeaders;
  token: TokenRecord | null;
  idempotencyKey: string | null;
  now: number;
}

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, ...(headers ? { headers } : {}) });
const error = (status: number, message: string, description?: string): Reply =>
  json(status, description === undefined ? { error: message } : { error: message, error_description: description });
const notFound = () => error(404, 'Record not found');
const invalid = (message: string) => error(422, `Validation failed: ${message}`);

const MIN_SCHEDULE_OFFSET_MS = 5 * 60_000;
const AUTHORIZATION_CODE_TTL_MS = 10 * 60_000;
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

const token = () => randomBytes(32).toString('base64url');
/** A 1x1 PNG for the static image paths (avatars/original/missing.png, headers/..., packs/...). */
const STATIC_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function scopeCovers(granted: readonly string[], required: string): boolean {
  return granted.includes(required) || granted.includes(required.split(':')[0]!);
}

export async function startMastodonStandIn(options: MastodonStandInOptions = {}): Promise<MastodonStandIn> {
  const spec = mastodonSpec();
  const now = options.now ?? (() => Date.now());
  const limits: InstanceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const rejectUnknownFields = options.rejectUnknownFields ?? true;
  const idempotencyWindowMs = options.idempotencyWindowMs ?? 3_600_000;
  const mediaProcessingPolls = options.mediaProcessingPolls ?? 2;
  const scheduledAtMode = options.scheduledAt ?? (options.noScheduledStatuses ? 'ignored' : 'supported');
  const version = options.version ?? (options.noV2Instance ? '3.5.19' : '4.5.0');

  let nextId = 110_000;
  const newId = () => String(++nextId);

  const state: StandInState = {
    account: {
      id: '109000',
      username: options.account?.username ?? 'tribune',
      displayName: options.account?.displayName ?? 'Tribune Tester',
      createdAt: '2024-01-15T00:00:00.000Z',
      defaultVisibility: options.account?.defaultVisibility ?? 'public',
      language: options.account?.language ?? 'en',
    },
    limits,
    apps: [],
    authorizationCodes: [],
    tokens: [],
    statuses: [],
    scheduledStatuses: [],
    media: [],
    requests: [],
    violations: [],
    faultsServed: [],
  };
  const idempotency = new Map<string, { kind: 'status' | 'scheduled'; id: string; at: number }>();
  const faults = new Map<string, Fault[]>();
  const rateWindow = new Map<string, { start: number; count: number }>();

  let baseUrl = '';
  const renderContext = (): RenderContext => {
    const live = state.statuses.filter((s) => !s.deletedAt);
    return {
      baseUrl,
      handleDomain: options.handleDomain ?? null,
      streamingUrl: apart?.url ?? null,
      account: state.account,
      limits,
      statusesCount: live.length,
      lastStatusAt: live.at(-1)?.createdAt ?? null,
      apps: state.apps,
      media: state.media,
      statuses: state.statuses,
    };
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  const injectFault = (route: string, fault: Fault) => {
    if (!spec.hasRoute(route)) throw new Error(`injectFault: "${route}" is not an operation of the Mastodon description`);
    faults.set(route, [...(faults.get(route) ?? []), { ...fault }]);
  };
  for (const [route, list] of Object.entries(options.faults ?? {})) {
    for (const fault of Array.isArray(list) ? list : [list]) injectFault(route, fault);
  }
  const takeFault = (route: string): Fault | undefined => {
    const list = faults.get(route);
    const fault = list?.[0];
    if (!fault) return undefined;
    const remaining = (fault.times ?? 1) - 1;
    if (remaining <= 0) list.shift();
    else fault.times = remaining;
    return fault;
  };

  // ---------------------------------------------------------------------------------------------
  // Statuses

  const findMedia = (id: string) => state.media.find((m) => m.id === id);
  const findStatus = (id: string) => state.statuses.find((s) => s.id === id && !s.deletedAt);

  const createStatus = (
    p: ScheduledStatusParams & { appId: string | null; idempotencyKey: string | null; fromScheduledStatusId?: string },
    at: number,
  ): StatusRecord => {
    const status: StatusRecord = {
      id: newId(),
      createdAt: iso(at),
      text: p.text,
      spoilerText: p.spoilerText ?? '',
      sensitive: Boolean(p.sensitive) || Boolean(p.spoilerText),
      visibility: p.visibility,
      language: p.language,
      inReplyToId: p.inReplyToId,
      mediaIds: p.mediaIds,
      poll: p.poll
        ? {
            id: newId(),
            options: p.poll.options,
            expiresIn: p.poll.expiresIn,
            expiresAt: iso(at + p.poll.expiresIn * 1000),
            multiple: p.poll.multiple,
            hideTotals: p.poll.hideTotals,
          }
        : null,
      appId: p.appId,
      idempotencyKey: p.idempotencyKey,
      deletedAt: null,
      fromScheduledStatusId: p.fromScheduledStatusId ?? null,
    };
    for (const id of p.mediaIds) {
      const m = findMedia(id)!;
      m.statusId = status.id;
      m.scheduledStatusId = null;
    }
    state.statuses.push(status);
    return status;
  };

  const postStatus: Handler = (ctx) => {
    const b = ctx.body;
    const account = state.account;
    const idemKey = ctx.idempotencyKey ? `${account.id}:${ctx.idempotencyKey}` : null;
    if (idemKey) {
      const hit = idempotency.get(idemKey);
      if (hit && ctx.now - hit.at < idempotencyWindowMs) {
        if (hit.kind === 'status') {
          const existing = findStatus(hit.id);
          return existing ? json(200, renderStatus(existing, renderContext(), ctx.now)) : notFound();
        }
        const scheduled = state.scheduledStatuses.find((s) => s.id === hit.id);
        return scheduled ? json(200, renderScheduledStatus(scheduled, renderContext())) : notFound();
      }
    }

    let text = str(b.status) ?? '';
    const spoilerText = str(b.spoiler_text) ?? '';
    const mediaIds = (Array.isArray(b.media_ids) ? b.media_ids : []).map(String);
    const poll = b.poll && typeof b.poll === 'object' ? (b.poll as Record<string, unknown>) : null;
    const inReplyToId = str(b.in_reply_to_id) ?? null;

    if (inReplyToId && !findStatus(inReplyToId) && !community.statuses.some((x) => x.id === inReplyToId && !x.deletedAt)) {
      return error(404, 'The post you are trying to reply to does not appear to exist.');
    }
    if (mediaIds.length > limits.maxMediaAttachments) return error(422, `Cannot attach more than ${limits.maxMediaAttachments} files`);
    const media = mediaIds.map(findMedia);
    const missing = mediaIds.filter((id, i) => {
      const m = media[i];
      return !m || m.statusId !== null || m.scheduledStatusId !== null;
    });
    if (missing.length) return error(422, `Could not find media attachments with IDs: ${missing.join(', ')}`);
    const attached = media as MediaRecord[];
    if (attached.length > 1 && attached.some((m) => m.type !== 'image')) {
      return error(422, 'Cannot attach a video to a post that already contains images');
    }
    if (attached.some((m) => m.processing !== 'processed')) {
      return error(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
    }
    if (poll && attached.length) return invalid('Media attachments cannot be combined with a poll');

    let scheduledAt = str(b.scheduled_at);
    if (scheduledAt && scheduledAtMode === 'rejected') return error(422, 'scheduled_at is not supported by this server');
    if (scheduledAtMode === 'ignored' || (scheduledAt && Date.parse(scheduledAt) <= ctx.now)) scheduledAt = undefined;

    if (!text.trim() && spoilerText) {
      text = attached.some((m) => m.type === 'video' || m.type === 'gifv') ? '📹' : attached.some((m) => m.type === 'audio') ? '🎵' : attached.length ? '🖼' : '.';
    }
    if (!text.trim() && !attached.length && !poll) return invalid("Text can't be blank");
    if (countCharacters(text, spoilerText, limits.charactersReservedPerUrl) > limits.maxCharacters) {
      return invalid(`Text character limit of ${limits.maxCharacters} exceeded`);
    }

    let pollParams: ScheduledStatusParams['poll'] = null;
    if (poll) {
      const options = Array.isArray(poll.options) ? poll.options.map(String) : [];
      const expiresIn = typeof poll.expires_in === 'number' ? poll.expires_in : NaN;
      if (options.length < 2) return invalid('Poll options must have more than one item');
      if (options.length > limits.maxPollOptions) return invalid(`Poll options can't contain more than ${limits.maxPollOptions} items`);
      if (options.some((o) => [...o].length > limits.maxCharactersPerPollOption)) {
        return invalid(`Poll options cannot be longer than ${limits.maxCharactersPerPollOption} characters each`);
      }
      if (new Set(options).size !== options.length) return invalid('Poll options contain duplicate items');
      if (!(expiresIn >= limits.minPollExpiration)) return invalid('Poll expires at is too soon');
      if (expiresIn > limits.maxPollExpiration) return invalid('Poll expires at is too far into the future');
      pollParams = { options, expiresIn, multiple: poll.multiple === true, hideTotals: poll.hide_totals === true };
    }

    const language = str(b.language);
    const params: ScheduledStatusParams = {
      text,
      spoilerText: spoilerText || null,
      sensitive: typeof b.sensitive === 'boolean' ? b.sensitive : null,
      visibility: (str(b.visibility) as Visibility | undefined) ?? account.defaultVisibility,
      language: language && /^[a-z]{2}$/.test(language) ? language : account.language,
      inReplyToId,
      mediaIds,
      poll: pollParams,
    };
    const appId = ctx.token?.appId ?? null;

    if (scheduledAt) {
      const at = Date.parse(scheduledAt);
      if (at - ctx.now < MIN_SCHEDULE_OFFSET_MS) return invalid('Scheduled at The scheduled date must be in the future');
      const scheduled: ScheduledStatusRecord = {
        id: newId(),
        scheduledAt: iso(at),
        params,
        appId,
        idempotencyKey: ctx.idempotencyKey,
        createdAt: iso(ctx.now),
      };
      for (const m of attached) m.scheduledStatusId = scheduled.id;
      state.scheduledStatuses.push(scheduled);
      if (idemKey) idempotency.set(idemKey, { kind: 'scheduled', id: scheduled.id, at: ctx.now });
      return json(200, renderScheduledStatus(scheduled, renderContext()));
    }

    const status = createStatus({ ...params, appId, idempotencyKey: ctx.idempotencyKey }, ctx.now);
    if (idemKey) idempotency.set(idemKey, { kind: 'status', id: status.id, at: ctx.now });
    return json(200, renderStatus(status, renderContext(), ctx.now));
  };

  const deleteStatus: Handler = (ctx) => {
    const status = findStatus(ctx.pathParams.id!);
    if (!status) return notFound();
    status.deletedAt = iso(ctx.now);
    return json(200, renderStatus(status, renderContext(), ctx.now, { withSource: true }));
  };

  // ---------------------------------------------------------------------------------------------
  // Media

  const parseFocus = (v: unknown): MediaRecord['focus'] | undefined => {
    if (typeof v !== 'string' || v === '') return undefined;
    const [x, y] = v.split(',').map(Number);
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    return { x: Math.max(-1, Math.min(1, x)), y: Math.max(-1, Math.min(1, y)) };
  };
  const descriptionError = (d: unknown) =>
    typeof d === 'string' && [...d].length > limits.descriptionLimit
      ? invalid(`Description is too long (maximum is ${limits.descriptionLimit} characters)`)
      : undefined;

  const createMedia: Handler = async (ctx) => {
    const file = ctx.files.get('file')!;
    const mime = (file.type || '').split(';')[0]!.trim().toLowerCase();
    if (!mime || mime === 'application/octet-stream') return error(422, 'File type of uploaded media could not be verified');
    if (!limits.supportedMimeTypes.includes(mime)) return invalid('File content type is invalid, File is invalid');
    const type = mediaTypeOf(mime);
    const max = type === 'image' ? limits.imageSizeLimit : limits.videoSizeLimit;
    if (file.size > max) return invalid(`File file size must be less than ${Math.round(max / 1_048_576)} MB`);
    const tooLong = descriptionError(ctx.body.description);
    if (tooLong) return tooLong;
    const data = new Uint8Array(await file.arrayBuffer());
    const size = type === 'image' ? pngSize(data) : { width: null, height: null };
    const media: MediaRecord = {
      id: newId(),
      type,
      mimeType: mime,
      fileName: file.name,
      size: file.size,
      data,
      ...size,
      description: str(ctx.body.description) ?? null,
      focus: parseFocus(ctx.body.focus) ?? null,
      pendingPolls: mediaProcessingPolls,
      polls: 0,
      processing: mediaProcessingPolls > 0 ? 'processing' : 'processed',
      statusId: null,
      scheduledStatusId: null,
      createdAt: iso(ctx.now),
    };
    state.media.push(media);
    return json(media.processing === 'processed' ? 200 : 202, renderMedia(media, baseUrl));
  };

  const unattachedMedia = (id: string) => {
    const m = findMedia(id);
    return m && m.statusId === null && m.scheduledStatusId === null ? m : undefined;
  };

  const getMedia: Handler = (ctx) => {
    const m = unattachedMedia(ctx.pathParams.id!);
    if (!m) return notFound();
    if (m.processing === 'failed') return error(422, 'Error processing thumbnail for uploaded media');
    m.polls += 1;
    if (m.processing === 'processing') {
      if (m.pendingPolls > 0) {
        m.pendingPolls -= 1;
        return json(206, renderMedia(m, baseUrl));
      }
      m.processing = 'processed';
    }
    return json(200, renderMedia(m, baseUrl));
  };

  const updateMedia: Handler = (ctx) => {
    const m = unattachedMedia(ctx.pathParams.id!);
    if (!m) return notFound();
    if (m.processing === 'failed') return error(422, 'Error processing thumbnail for uploaded media');
    const tooLong = descriptionError(ctx.body.description);
    if (tooLong) return tooLong;
    if ('description' in ctx.body) m.description = str(ctx.body.description) ?? null;
    const focus = parseFocus(ctx.body.focus);
    if (focus) m.focus = focus;
    return json(m.processing === 'processed' ? 200 : 206, renderMedia(m, baseUrl));
  };

  // ---------------------------------------------------------------------------------------------
  // Scheduled statuses

  const listScheduled: Handler = (ctx) => {
    const q = ctx.query;
    const limit = Math.min(Math.max(typeof q.limit === 'number' ? q.limit : 20, 1), 40);
    const big = (id: string) => BigInt(id);
    let list = [...state.scheduledStatuses].sort((a, b) => (big(b.id) > big(a.id) ? 1 : -1));
    if (typeof q.max_id === 'string') list = list.filter((s) => big(s.id) < big(q.max_id as string));
    if (typeof q.since_id === 'string') list = list.filter((s) => big(s.id) > big(q.since_id as string));
    if (typeof q.min_id === 'string') list = list.filter((s) => big(s.id) > big(q.min_id as string)).reverse().slice(0, limit).reverse();
    const page = list.slice(0, limit);
    const headers: Record<string, string> = {};
    if (page.length) {
      const link = (k: string, id: string, rel: string) => `<${baseUrl}/api/v1/scheduled_statuses?limit=${limit}&${k}=${id}>; rel="${rel}"`;
      headers.link = [link('max_id', page.at(-1)!.id, 'next'), link('min_id', page[0]!.id, 'prev')].join(', ');
    }
    return json(200, page.map((s) => renderScheduledStatus(s, renderContext())), headers);
  };
  const findScheduled = (id: string) => state.scheduledStatuses.find((s) => s.id === id);
  const getScheduled: Handler = (ctx) => {
    const s = findScheduled(ctx.pathParams.id!);
    return s ? json(200, renderScheduledStatus(s, renderContext())) : notFound();
  };
  const updateScheduled: Handler = (ctx) => {
    const s = findScheduled(ctx.pathParams.id!);
    if (!s) return notFound();
    const at = Date.parse(String(ctx.body.scheduled_at));
    if (!(at - ctx.now >= MIN_SCHEDULE_OFFSET_MS)) {
      // This operation documents its 422 as a ValidationError (error + details).
      const description = 'The scheduled date must be in the future';
      return json(422, { error: `Validation failed: Scheduled at ${description}`, details: { scheduled_at: [{ error: 'ERR_INVALID', description }] } });
    }
    s.scheduledAt = iso(at);
    return json(200, renderScheduledStatus(s, renderContext()));
  };
  const deleteScheduled: Handler = (ctx) => {
    const s = findScheduled(ctx.pathParams.id!);
    if (!s) return notFound();
    state.scheduledStatuses.splice(state.scheduledStatuses.indexOf(s), 1);
    for (const m of state.media) if (m.scheduledStatusId === s.id) m.scheduledStatusId = null;
    return json(200, {});
  };

  // ---------------------------------------------------------------------------------------------
  // Apps and OAuth

  const createApp: Handler = (ctx) => {
    const b = ctx.body;
    const redirectUris = Array.isArray(b.redirect_uris) ? b.redirect_uris.map(String) : String(b.redirect_uris).split(/\s+/).filter(Boolean);
    const scopes = (str(b.scopes) ?? 'read').split(/[\s+]+/).filter(Boolean);
    const app: AppRecord = {
      id: newId(),
      name: String(b.client_name),
      website: str(b.website) ?? null,
      redirectUris,
      scopes,
      clientId: token(),
      clientSecret: token(),
      createdAt: iso(ctx.now),
    };
    state.apps.push(app);
    return json(200, {
      id: app.id,
      name: app.name,
      website: app.website,
      scopes: app.scopes,
      redirect_uri: app.redirectUris.join('\n'),
      redirect_uris: app.redirectUris,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      client_secret_expires_at: 0,
      vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
    });
  };

  const authorize: Handler = (ctx) => {
    const q = ctx.query as Record<string, string | undefined>;
    const app = state.apps.find((a) => a.clientId === q.client_id);
    if (!app) return error(400, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
    const redirectUri = q.redirect_uri!;
    if (!app.redirectUris.includes(redirectUri)) {
      return error(400, 'invalid_redirect_uri', "The requested redirect uri is malformed or doesn't match client redirect URI.");
    }
    const redirect = (params: Record<string, string>): Reply => {
      if (redirectUri === OOB_REDIRECT_URI) {
        return { status: 200, contentType: 'text/html; charset=utf-8', text: `<!doctype html><p>${Object.entries(params).map(([k, v]) => `<code id="${k}">${v}</code>`).join('')}</p>` };
      }
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      return { status: 302, headers: { location: target.toString() } };
    };
    if (q.response_type !== 'code') return redirect({ error: 'unsupported_response_type', error_description: 'The authorization server does not support this response type.' });
    const scopes = (q.scope ?? 'read').split(/[\s+]+/).filter(Boolean);
    if (scopes.some((s) => !app.scopes.includes(s))) {
      return redirect({ error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed.' });
    }
    if (q.code_challenge !== undefined && q.code_challenge_method !== 'S256') {
      return redirect({ error: 'invalid_request', error_description: 'The code challenge method must be S256.' });
    }
    if (options.requirePkce && q.code_challenge === undefined) {
      return redirect({ error: 'invalid_request', error_description: 'Code challenge is required.' });
    }
    if (options.autoApprove === false) {
      return { status: 200, contentType: 'text/html; charset=utf-8', text: `<!doctype html><h1>Authorize ${app.name}?</h1>` };
    }
    if (options.denyAuthorization) {
      const refusal = { error: 'access_denied', error_description: 'The resource owner or authorization server denied the request.' };
      if (options.denyAuthorization !== 'withoutState') return redirect(refusal);
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(refusal)) target.searchParams.set(k, v);
      return { status: 302, headers: { location: target.toString() } };
    }
    const record: AuthorizationCodeRecord = {
      code: token(),
      appId: app.id,
      redirectUri,
      scopes,
      codeChallenge: q.code_challenge ?? null,
      codeChallengeMethod: q.code_challenge_method ?? null,
      issuedAt: ctx.now,
      used: false,
    };
    state.authorizationCodes.push(record);
    return redirect({ code: record.code });
  };

  const issueToken: Handler = (ctx) => {
    const b = ctx.body as Record<string, string | undefined>;
    const app = state.apps.find((a) => a.clientId === b.client_id && a.clientSecret === b.client_secret);
    if (!app) return error(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.');
    if (b.grant_type !== 'authorization_code') {
      return error(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
    }
    const grant = state.authorizationCodes.find((c) => c.code === b.code);
    if (!grant || grant.used || grant.appId !== app.id || ctx.now - grant.issuedAt > AUTHORIZATION_CODE_TTL_MS || grant.redirectUri !== b.redirect_uri) {
      return error(400, 'invalid_grant', INVALID_GRANT);
    }
    if (grant.codeChallenge !== null && (!b.code_verifier || s256(b.code_verifier) !== grant.codeChallenge)) {
      return error(400, 'invalid_grant', INVALID_GRANT);
    }
    grant.used = true;
    const record: TokenRecord = { accessToken: token(), appId: app.id, scopes: grant.scopes, createdAt: ctx.now, revoked: false };
    state.tokens.push(record);
    return json(200, {
      access_token: record.accessToken,
      token_type: 'Bearer',
      scope: record.scopes.join(' '),
      created_at: Math.floor(record.createdAt / 1000),
    });
  };

  const revoke: Handler = (ctx) => {
    const b = ctx.body as Record<string, string | undefined>;
    const app = state.apps.find((a) => a.clientId === b.client_id && a.clientSecret === b.client_secret);
    const record = state.tokens.find((t) => t.accessToken === b.token);
    if (!app || (record && record.appId !== app.id)) {
      return error(403, 'unauthorized_client', 'You are not authorized to revoke this token');
    }
    if (record) record.revoked = true;
    return json(200, {});
  };

  const handlers = new Map<string, Handler>([
    ['POST /api/v1/apps', createApp],
    ['GET /oauth/authorize', authorize],
    ['POST /oauth/token', issueToken],
    ['POST /oauth/revoke', revoke],
    ['GET /api/v1/accounts/verify_credentials', () => json(200, renderCredentialAccount(renderContext()))],
    ['GET /api/v1/instance', () => json(200, renderInstanceV1(renderContext(), version))],
    ['GET /api/v2/instance', () => json(200, renderInstanceV2(renderContext(), version))],
    ['POST /api/v1/statuses', postStatus],
    ['DELETE /api/v1/statuses/{id}', deleteStatus],
    ['POST /api/v2/media', createMedia],
    ['GET /api/v1/media/{id}', getMedia],
    ['PUT /api/v1/media/{id}', updateMedia],
    ['GET /api/v1/scheduled_statuses', listScheduled],
    ['GET /api/v1/scheduled_statuses/{id}', getScheduled],
    ['PUT /api/v1/scheduled_statuses/{id}', updateScheduled],
    ['DELETE /api/v1/scheduled_statuses/{id}', deleteScheduled],
  ]);
  const streaming = createStreaming({
    enabled: options.streaming === true,
    ...(options.streamingApart ? { prefix: '/relay' } : {}),
    heartbeatMs: options.heartbeatMs ?? 30_000,
    scopesOf: (t) => state.tokens.find((x) => x.accessToken === t && !x.revoked)?.scopes ?? null,
    hasRoute: (route) => spec.hasRoute(route),
    validate: (schema, data) => spec.validateSchema(schema, data),
    violation: (path, errors) => state.violations.push({ kind: 'request', method: 'GET', path, route: null, errors }),
  });
  const apart = options.streamingApart ? await serveStreamingApart(streaming, '/relay') : null;
  handlers.set('GET /api/v1/streaming/health', () => (streaming.controls.enabled && !apart ? { status: 200, contentType: 'text/plain; charset=utf-8', text: 'OK' } : notFound()));
  const community = newCommunity();
  const social = communityApi(community, { renderContext, newId, ownStatuses: () => state.statuses, now, publish: streaming.publish });
  if (options.community !== false) for (const [route, handler] of social.routes) handlers.set(route, handler as Handler);
  const moderation = moderationApi(community, social.renderOther, { newId, statusById: social.statusById });
  if (options.community !== false) for (const [route, handler] of moderation.routes) handlers.set(route, handler as Handler);
  for (const route of handlers.keys()) if (!spec.hasRoute(route)) throw new Error(`stand-in route ${route} is not in the spec`);

  // ---------------------------------------------------------------------------------------------
  // HTTP

  const recordViolation = (v: Violation) => state.violations.push(v);

  const send = (
    res: ServerResponse,
    entry: RequestLogEntry,
    operation: OperationInfo | null,
    reply: Reply,
    opts: { validate: boolean; injectedFault?: boolean; rateLimitFor?: TokenRecord | null } = { validate: true },
  ) => {
    let { status } = reply;
    let contentType = reply.contentType ?? (reply.json !== undefined ? 'application/json; charset=utf-8' : reply.text !== undefined ? 'text/plain; charset=utf-8' : undefined);
    let bodyText = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
    if (opts.validate && operation) {
      const errors = spec.validateResponse(operation, status, contentType, bodyText, { injectedFault: opts.injectedFault ?? false });
      if (errors.length) {
        recordViolation({ kind: 'response', method: entry.method, path: entry.path, route: entry.route, errors });
        status = 500;
        contentType = 'application/json; charset=utf-8';
        bodyText = JSON.stringify({ error: `Stand-in response for ${entry.route} violates the Mastodon OpenAPI description: ${errors.join('; ')}` });
      }
    }
    const headers: Record<string, string> = { ...reply.headers };
    if (contentType) headers['content-type'] = contentType;
    if (opts.rateLimitFor) {
      const key = opts.rateLimitFor.accessToken;
      const nowMs = now();
      let w = rateWindow.get(key);
      if (!w || nowMs - w.start >= 300_000) rateWindow.set(key, (w = { start: nowMs, count: 0 }));
      w.count += 1;
      headers['x-ratelimit-limit'] = '300';
      headers['x-ratelimit-remaining'] = String(Math.max(0, 300 - w.count));
      headers['x-ratelimit-reset'] = iso(w.start + 300_000);
    }
    entry.status = status;
    res.writeHead(status, headers);
    res.end(bodyText);
  };

  const destroy = (req: IncomingMessage, res: ServerResponse) => {
    res.destroy();
    req.socket.destroy();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawKey = req.headers['idempotency-key'];
    const entry: RequestLogEntry = {
      index: state.requests.length,
      method,
      path: url.pathname,
      search: url.search,
      route: null,
      idempotencyKey: typeof rawKey === 'string' ? rawKey : null,
      authorized: typeof req.headers.authorization === 'string',
      status: 0,
      fault: null,
    };
    state.requests.push(entry);
    const raw = await readBody(req);

    // Static files (avatars, headers, instance images), as Mastodon's web server serves them: not API operations.
    if (method === 'GET' && /^\/(avatars|headers|packs)\//.test(url.pathname)) {
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': STATIC_PNG.length });
      res.end(STATIC_PNG);
      return;
    }
    const matched: MatchedOperation | undefined = spec.match(method, url.pathname);
    if (!matched) {
      recordViolation({
        kind: 'unknown-route',
        method,
        path: url.pathname,
        route: null,
        errors: [`${method} ${url.pathname} is not an operation of the Mastodon OpenAPI description`],
      });
      send(res, entry, null, error(404, 'Record not found'), { validate: false });
      return;
    }
    const { operation } = matched;
    entry.route = operation.route;

    // Deliberately off-spec emulation of servers that lack a feature (not validated).
    const lacking =
      (options.noV2Instance && operation.template === '/api/v2/instance') ||
      (options.noScheduledStatuses && operation.template.startsWith('/api/v1/scheduled_statuses'));
    if (lacking) {
      send(res, entry, operation, { status: 404, contentType: 'text/plain; charset=utf-8', text: 'Not Found' }, { validate: false });
      return;
    }

    const body = await parseBody(req.headers['content-type'], raw);
    const validated = spec.validateRequest(matched, parseQuery(url.searchParams), req.headers, body, { rejectUnknownFields });
    if (validated.errors.length) {
      recordViolation({ kind: 'request', method, path: url.pathname, route: operation.route, errors: validated.errors });
      // The stand-in's own signal, not a Mastodon answer: not validated against the operation's 422.
      const message = `Stand-in: the request violates the Mastodon OpenAPI description for ${operation.route}: ${validated.errors.join('; ')}`;
      send(res, entry, operation, error(422, message), { validate: false });
      return;
    }

    const fault = takeFault(operation.route);
    if (fault) {
      entry.fault = fault.kind;
      const served = (status: number | null) =>
        state.faultsServed.push({ route: operation.route, kind: fault.kind, status, requestIndex: entry.index });
      if (fault.kind === 'delay') {
        served(null);
        await sleep(fault.ms);
      } else if (fault.kind === 'destroySocket' && (fault.when ?? 'before') === 'before') {
        served(null);
        destroy(req, res);
        return;
      } else if (fault.kind === 'error') {
        const status = fault.status ?? 500;
        served(status);
        const reply: Reply = fault.html
          ? {
              status,
              contentType: 'text/html; charset=utf-8',
              text: `<!DOCTYPE html><html><body><h1>${status}</h1><p>We're sorry, but something went wrong.</p></body></html>`,
            }
          : error(status, status === 503 ? 'Service Unavailable' : 'We\u2019re sorry, but something went wrong on our end.');
        send(res, entry, operation, reply, { validate: true, injectedFault: true });
        return;
      } else if (fault.kind === 'rateLimit') {
        served(429);
        const headers = {
          'retry-after': String(fault.retryAfterSeconds),
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': iso(now() + fault.retryAfterSeconds * 1000),
        };
        send(res, entry, operation, json(429, { error: 'Too many requests' }, headers), { validate: true, injectedFault: true });
        return;
      } else if (fault.kind === 'refuse') {
        served(fault.status);
        send(res, entry, operation, json(fault.status, fault.body), { validate: true, injectedFault: true });
        return;
      }
    }

    let tokenRecord: TokenRecord | null = null;
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    if (bearer) tokenRecord = state.tokens.find((t) => t.accessToken === bearer && !t.revoked) ?? null;
    const security = operation.op.security as Array<Record<string, string[]>> | undefined;
    if (security && security.length > 0) {
      if (!tokenRecord) {
        send(res, entry, operation, error(401, 'The access token is invalid'));
        return;
      }
      const required = security.flatMap((s) => s.OAuth2 ?? []);
      if (required.length && !required.some((scope) => scopeCovers(tokenRecord!.scopes, scope))) {
        send(res, entry, operation, error(403, 'This action is outside the authorized scopes'), { validate: true, rateLimitFor: tokenRecord });
        return;
      }
    }

    const handler = handlers.get(operation.route);
    if (!handler) {
      recordViolation({ kind: 'unimplemented', method, path: url.pathname, route: operation.route, errors: [`the stand-in does not implement ${operation.route}`] });
      send(res, entry, operation, error(404, 'Record not found'), { validate: false });
      return;
    }
    const reply = await handler({
      method,
      url,
      route: operation.route,
      pathParams: matched.pathParams,
      query: validated.query,
      body: validated.body,
      files: body.files ?? new Map(),
      headers: req.headers,
      token: tokenRecord,
      idempotencyKey: entry.idempotencyKey,
      now: now(),
    });
    if (fault?.kind === 'destroySocket') {
      entry.status = 0;
      state.faultsServed.push({ route: operation.route, kind: fault.kind, status: null, requestIndex: entry.index });
      destroy(req, res);
      return;
    }
    send(res, entry, operation, reply, { validate: true, rateLimitFor: security?.length ? tokenRecord : null });
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      recordViolation({ kind: 'internal', method: req.method ?? '', path: req.url ?? '', route: null, errors: [String((err as Error)?.stack ?? err)] });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: `Stand-in internal error: ${String(err)}` }));
      }
    });
  });
  server.on('upgrade', streaming.upgrade);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const formatViolations = (list: Violation[]) =>
    list.map((v, i) => `${i + 1}. [${v.kind}] ${v.method} ${v.path}${v.route ? ` (${v.route})` : ''}\n   - ${v.errors.join('\n   - ')}`).join('\n');

  return {
    url: baseUrl,
    state,
    community,
    act: social.helpers,
    moderation: moderation.state,
    streaming: streaming.controls,
    close: () =>
      new Promise<void>((resolve) => {
        streaming.close();
        void apart?.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    injectFault,
    clearFaults: () => faults.clear(),
    faultCount: (route) => state.faultsServed.filter((f) => route === undefined || f.route === route).length,
    requestsFor: (route) => state.requests.filter((r) => r.route === route),
    assertNoViolations() {
      if (state.violations.length) {
        throw new Error(`The Mastodon stand-in recorded ${state.violations.length} violation(s) of the OpenAPI description:\n${formatViolations(state.violations)}`);
      }
    },
    takeViolations: () => state.violations.splice(0, state.violations.length),
    publishDueScheduledStatuses(at) {
      const t = at ?? now();
      const due = state.scheduledStatuses.filter((s) => Date.parse(s.scheduledAt) <= t);
      return due.map((s) => {
        state.scheduledStatuses.splice(state.scheduledStatuses.indexOf(s), 1);
        return createStatus({ ...s.params, appId: s.appId, idempotencyKey: s.idempotencyKey, fromScheduledStatusId: s.id }, t);
      });
    },
    finishMediaProcessing(id) {
      const m = findMedia(id);
      if (!m) throw new Error(`no media ${id}`);
      m.processing = 'processed';
      m.pendingPolls = 0;
    },
    failMediaProcessing(id) {
      const m = findMedia(id);
      if (!m) throw new Error(`no media ${id}`);
      m.processing = 'failed';
    },
  };
}
