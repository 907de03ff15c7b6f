/**
 * Mastodon's streaming API for the board, where the server announces it (v2
 * `configuration.urls.streaming`, v1 `urls.streaming_api`: often another host or port, possibly
 * under a path), else on the API's origin: GET <base>/api/v1/streaming/health first, then a
 * WebSocket on <base>/api/v1/streaming?stream=… (token in the Authorization header). Messages are
 * `{ stream, event, payload }` with payload a JSON string (the status id for `delete`):
 * update / notification / conversation become entries mapped as the polled ones are,
 * status.update an edited item, delete a deleted id. Heartbeats (pings) count as signs of life.
 */
import WebSocket from 'ws';
import type { ColumnType } from '../../../../shared/board/schemas';
import { MastodonHttp } from './http';
import { ReadError, type LiveHandlers, type LiveReader, type LiveSpec, type LiveStream, type ReadSource } from '../reader';
import { toReadError } from '../read-errors';
import { mapStatus, notificationEntry, statusEntry } from './map';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

export interface MastodonLiveDeps {
  http: MastodonHttp;
  token(): Promise<string | null>;
  timeoutMs: number;
  log?: (message: string) => void;
  /** The streaming address the server announces (null: none; the API's origin is used). */
  streamingUrl?: () => Promise<string | null>;
}

/**
 * The WebSocket and health addresses: under the announced base (its path kept, as Mastodon's
 * own web client does), or on the API's origin. The token travels there, so an announced
 * plaintext address is not used for an https server.
 */
export function streamingEndpoints(announced: string | null, instanceUrl: string): { socket: URL; health: URL } {
  const api = new URL(instanceUrl);
  let host = api.host;
  let secure = api.protocol === 'https:';
  let prefix = '';
  if (announced) {
    try {
      const u = new URL(announced);
      const uSecure = u.protocol === 'wss:' || u.protocol === 'https:';
      if (['ws:', 'wss:', 'http:', 'https:'].includes(u.protocol) && (uSecure || !secure)) {
        host = u.host;
        secure = uSecure;
        prefix = u.pathname.replace(/\/+$/, '');
      }
    } catch {
      // not an address: the API's origin
    }
  }
  return { socket: new URL(`${secure ? 'wss' : 'ws'}://${host}${prefix}/api/v1/streaming`), health: new URL(`${secure ? 'https' : 'http'}://${host}${prefix}/api/v1/streaming/health`) };
}

const STREAM_OF: Partial<Record<ColumnType, LiveSpec['stream']>> = { home: 'user', notifications: 'user:notification', mentions: 'user:notification', direct: 'direct' };

export function specFor(source: ReadSource): LiveSpec | null {
  const q = source.query;
  if (source.type === 'search') return q.tag && !q.q ? { stream: 'hashtag', tag: q.tag.toLowerCase() } : null;
  if (source.type === 'list') return q.listId ? { stream: 'list', list: q.listId } : null;
  const stream = STREAM_OF[source.type];
  return stream ? { stream } : null;
}

export function createMastodonLive(d: MastodonLiveDeps): LiveReader {
  return {
    specFor,
    open(spec: LiveSpec, h: LiveHandlers): LiveStream {
      let ws: WebSocket | null = null;
      let done = false;
      const finish = (err: ReadError) => {
        if (done) return;
        done = true;
        ws?.terminate();
        h.closed(err);
      };
      const onMessage = (data: WebSocket.RawData) => {
        h.alive();
        let message: Json;
        try {
          message = JSON.parse(data.toString());
        } catch {
          d.log?.('Mastodon stream: a message that is not JSON was skipped');
          return;
        }
        const now = Date.now();
        try {
          const payload = message?.event === 'delete' ? null : typeof message?.payload === 'string' ? JSON.parse(message.payload) : null;
          switch (message?.event) {
            case 'update': {
              const entry = statusEntry(payload, now);
              if (entry) h.event({ kind: 'entry', entry });
              break;
            }
            case 'notification': {
              const entry = notificationEntry(payload, now, d.log);
              if (entry) h.event({ kind: 'entry', entry });
              break;
            }
            case 'conversation': {
              const entry = payload?.last_status ? statusEntry(payload.last_status, now) : null;
              if (entry) h.event({ kind: 'entry', entry: { ...entry, key: `conversation:${String(payload.id)}:${String(payload.last_status.id)}` } });
              break;
            }
            case 'status.update': {
              const item = mapStatus(payload, now);
              if (item) h.event({ kind: 'edit', item });
              break;
            }
            case 'delete':
              if (typeof message.payload === 'string' && message.payload) h.event({ kind: 'delete', remoteId: message.payload });
              break;
            default:
              break; // filters_changed, announcements...: nothing for the board
          }
        } catch (err) {
          d.log?.(`Mastodon stream: a ${String(message?.event).slice(0, 30)} event was skipped (${String(err)})`);
        }
      };
      const start = async () => {
        const token = await d.token();
        if (!token) throw new ReadError('reconnect_needed', 'This Mastodon account has no token: reconnect it.', 401);
        const announced = d.streamingUrl ? await d.streamingUrl().catch(() => null) : null;
        const at = streamingEndpoints(announced, d.http.instanceUrl);
        const healthHttp = at.health.origin === new URL(d.http.instanceUrl).origin ? d.http : new MastodonHttp(at.health.origin);
        const health = await healthHttp.raw({ method: 'GET', path: at.health.pathname, timeoutMs: d.timeoutMs }).catch((err: unknown) => {
          throw toReadError(err);
        });
        if (health.response.status === 404 || health.response.status === 410) throw new ReadError('unsupported', 'This server has no streaming API.', health.response.status);
        if (!health.response.ok) throw new ReadError('server', `The streaming API answered ${health.response.status}.`, health.response.status);
        if (done) return;
        const url = at.socket;
        url.searchParams.set('stream', spec.stream);
        if (spec.tag) url.searchParams.set('tag', spec.tag);
        if (spec.list) url.searchParams.set('list', spec.list);
        ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: d.timeoutMs });
        ws.on('open', () => {
          if (!done) h.open();
        });
        ws.on('message', onMessage);
        ws.on('ping', () => h.alive());
        ws.on('unexpected-response', (_req, res) => {
          const status = res.statusCode ?? 0;
          finish(status === 401 ? new ReadError('reconnect_needed', 'The server refused the stream: reconnect this account.', 401) : status === 404 ? new ReadError('unsupported', 'This server has no streaming API.', 404) : new ReadError('server', `The stream answered ${status}.`, status));
        });
        ws.on('error', (err) => finish(new ReadError('unreachable', err.message)));
        ws.on('close', () => finish(new ReadError('unreachable', 'The stream closed.')));
      };
      start().catch((err: unknown) => finish(toReadError(err)));
      return {
        close() {
          done = true;
          ws?.terminate();
        },
      };
    },
  };
}
