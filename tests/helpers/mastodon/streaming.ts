/**
 * The stand-in's streaming API over WebSocket, as Mastodon's streaming server serves it:
 * `GET /api/v1/streaming?stream=user|user:notification|hashtag&tag=|list&list=|direct` upgraded
 * to a WebSocket, the access token in the Authorization header, the `access_token` query or the
 * Sec-WebSocket-Protocol header; messages `{ stream, event, payload }` where payload is a JSON
 * string (the deleted status's id for `delete`), and a ping every `heartbeatMs`.
 *
 * The WebSocket endpoint is not in the OpenAPI description (it only lists the SSE variants,
 * `/api/v1/streaming/<stream>`): a handshake is valid when its stream's SSE operation exists in
 * the spec, and every payload sent is validated against its entity schema (Status, Notification,
 * Conversation). Modes: disabled (health and upgrade answer 404), `kill()` (every stream dies
 * without a close frame), `quiet(true)` (streams stay open but send nothing, not even pings).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CommunityEvent } from './community';

type StreamName = CommunityEvent['to'][number]['stream'];
const SSE_ROUTE: Record<StreamName, string> = {
  user: 'GET /api/v1/streaming/user',
  'user:notification': 'GET /api/v1/streaming/user/notification',
  hashtag: 'GET /api/v1/streaming/hashtag',
  list: 'GET /api/v1/streaming/list',
  direct: 'GET /api/v1/streaming/direct',
};
const SCHEMA: Record<CommunityEvent['event'], string | null> = { update: 'Status', 'status.update': 'Status', notification: 'Notification', conversation: 'Conversation', delete: null };

export interface Subscription {
  stream: StreamName;
  tag?: string;
  list?: string;
}

export interface StreamingDeps {
  enabled: boolean;
  /** The path the streaming server is under (a server apart, behind a proxy's path); '' by default. */
  prefix?: string;
  heartbeatMs: number;
  /** The token's scopes, or null when the token is unknown or revoked. */
  scopesOf(token: string): readonly string[] | null;
  hasRoute(route: string): boolean;
  /** Errors of `data` against a component schema of the spec. */
  validate(schema: string, data: unknown): string[];
  violation(path: string, errors: string[]): void;
}

export interface StreamingControls {
  readonly enabled: boolean;
  /** Open streams, in the order they connected. */
  connections(): Subscription[];
  /** How many WebSocket handshakes were accepted since the start. */
  accepted(): number;
  /** Events sent, per stream, in order. */
  readonly sent: { stream: string; event: string }[];
  /** Every open stream dies at once (TCP reset, no close frame), as when the streaming server restarts. */
  kill(): void;
  /** While on, streams stay open but nothing is sent, not even heartbeats (a proxy holding a dead stream). */
  quiet(on: boolean): void;
}

export function createStreaming(d: StreamingDeps) {
  const wss = new WebSocketServer({ noServer: true });
  const open = new Map<WebSocket, Subscription>();
  const sent: { stream: string; event: string }[] = [];
  let accepted = 0;
  let silent = false;

  const heartbeat = setInterval(() => {
    if (!silent) for (const ws of open.keys()) ws.ping();
  }, d.heartbeatMs);
  heartbeat.unref();

  const refuse = (socket: Duplex, status: number, reason: string, body: { error: string }) => {
    const text = JSON.stringify(body);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
  };

  /** The http server's 'upgrade' listener. */
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const base = `${d.prefix ?? ''}/api/v1/streaming`;
    if (url.pathname !== base && url.pathname !== `${base}/`) {
      d.violation(url.pathname, [`WebSocket upgrade on ${url.pathname}: this server streams on ${base}`]);
      return refuse(socket, 404, 'Not Found', { error: 'Not Found' });
    }
    if (!d.enabled) return refuse(socket, 404, 'Not Found', { error: 'Not Found' });
    const stream = url.searchParams.get('stream') as StreamName | null;
    const errors: string[] = [];
    if (!stream || !(stream in SSE_ROUTE) || !d.hasRoute(SSE_ROUTE[stream])) errors.push(`unknown stream "${String(stream)}"`);
    if (stream === 'hashtag' && !url.searchParams.get('tag')) errors.push('stream=hashtag needs tag');
    if (stream === 'list' && !url.searchParams.get('list')) errors.push('stream=list needs list');
    if (errors.length) {
      d.violation(url.pathname, errors);
      return refuse(socket, 400, 'Bad Request', { error: errors.join('; ') });
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? url.searchParams.get('access_token') ?? req.headers['sec-websocket-protocol'] ?? null;
    const scopes = token ? d.scopesOf(token) : null;
    if (!scopes) return refuse(socket, 401, 'Unauthorized', { error: 'Error: Invalid access token' });
    if (!scopes.some((s) => s === 'read' || s === 'read:statuses' || s === 'read:notifications')) return refuse(socket, 401, 'Unauthorized', { error: 'Error: Access token does not have the required scopes' });
    const sub: Subscription = { stream: stream!, ...(url.searchParams.get('tag') ? { tag: url.searchParams.get('tag')!.toLowerCase() } : {}), ...(url.searchParams.get('list') ? { list: url.searchParams.get('list')! } : {}) };
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted++;
      open.set(ws, sub);
      ws.on('close', () => open.delete(ws));
      ws.on('error', () => open.delete(ws));
    });
  };

  /** Sends one community event to the open streams it concerns. */
  const publish = (e: CommunityEvent) => {
    const schema = SCHEMA[e.event];
    const errors = schema ? d.validate(schema, e.payload) : typeof e.payload === 'string' ? [] : ['delete payload must be the status id'];
    if (errors.length) return d.violation(`/api/v1/streaming (${e.event})`, errors);
    if (silent) return;
    for (const [ws, sub] of open) {
      const target = e.to.find((t) => t.stream === sub.stream && (t.stream !== 'hashtag' || t.tag === sub.tag) && (t.stream !== 'list' || t.list === sub.list));
      if (!target) continue;
      const stream = sub.stream === 'hashtag' ? ['hashtag', sub.tag!] : sub.stream === 'list' ? ['list', sub.list!] : [sub.stream];
      ws.send(JSON.stringify({ stream, event: e.event, payload: typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload) }));
      sent.push({ stream: stream.join(':'), event: e.event });
    }
  };

  const controls: StreamingControls = {
    enabled: d.enabled,
    connections: () => [...open.values()],
    accepted: () => accepted,
    sent,
    kill() {
      for (const ws of [...open.keys()]) {
        open.delete(ws);
        ws.terminate();
      }
    },
    quiet(on) {
      silent = on;
    },
  };
  const close = () => {
    clearInterval(heartbeat);
    controls.kill();
    wss.close();
  };
  return { upgrade, publish, controls, close };
}

/**
 * The streaming API on a server of its own (another port, under `prefix`), as large instances
 * run it (`wss://streaming.example`): health and WebSocket there only. Returns its base URL.
 */
export async function serveStreamingApart(s: { upgrade: ReturnType<typeof createStreaming>['upgrade']; controls: StreamingControls }, prefix: string) {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const ok = s.controls.enabled && new URL(req.url ?? '/', 'http://stand-in').pathname === `${prefix}/api/v1/streaming/health`;
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(ok ? 'OK' : 'Not Found');
  });
  server.on('upgrade', s.upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
