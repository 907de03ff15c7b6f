/**
 * A stand-in for Bluesky's chat service (the local network has none): `chat.bsky.convo.*`
 * (listConvos, getConvo, getMessages, sendMessage, updateRead, getLog) on node:http at 127.0.0.1, with
 * every request's parameters and input and every answer validated against the lexicons of
 * @atproto/api (a violation answers 500 and makes `assertNoViolations()` throw).
 *
 * It is reached as the real one is: through the account's PDS with the header
 * `atproto-proxy: did:web:localhost%3A<port>#bsky_chat`. The PDS resolves that did:web at
 * http://localhost:<port>/.well-known/did.json (served here, its `#bsky_chat` service pointing
 * at http://127.0.0.1:<port>) and forwards the call with a service-auth JWT, which is checked
 * here (audience, method, expiry, signature against the caller's key in the local PLC).
 * A session without chat access never gets here: the PDS refuses the proxying itself.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lexicons } from '@atproto/api';
import { IdResolver } from '@atproto/identity';
import { verifyJwt } from '@atproto/xrpc-server';

export interface ChatMember {
  did: string;
  handle: string;
  displayName?: string;
}

interface Message {
  id: string;
  rev: string;
  text: string;
  sender: string;
  sentAt: string;
}

interface Convo {
  id: string;
  rev: string;
  members: ChatMember[];
  messages: Message[];
  /** Last message read, per member. */
  readUpTo: Map<string, string>;
}

export interface ChatStandIn {
  /** did:web:localhost%3A<port>: the DID to name in atproto-proxy. */
  readonly did: string;
  readonly url: string;
  /** Every call that reached the service: method, caller DID. */
  readonly calls: { nsid: string; caller: string }[];
  /** A direct conversation between two members (made once per pair). */
  convo(a: ChatMember, b: ChatMember): string;
  /** A member sends a message (as the network would deliver it). */
  send(convoId: string, from: ChatMember, text: string): Message;
  messages(convoId: string): Message[];
  /** The last message a member read (updateRead), or null. */
  readUpTo(convoId: string, memberDid: string): string | null;
  assertNoViolations(): void;
  close(): Promise<void>;
}

const errorBody = (error: string, message: string) => ({ error, message });

export async function startChatStandIn(options: { plcUrl: string }): Promise<ChatStandIn> {
  const convos: Convo[] = [];
  const log: { rev: string; convoId: string; message: Message }[] = [];
  const calls: { nsid: string; caller: string }[] = [];
  const violations: string[] = [];
  let seq = 0;
  // Revisions and ids sort as the service's TIDs do: fixed width, increasing.
  const next = () => String(++seq).padStart(12, '0');
  const resolver = new IdResolver({ plcUrl: options.plcUrl, fetch: globalThis.fetch });
  let did = '';
  let url = '';

  const memberOf = (convo: Convo, d: string) => convo.members.find((m) => m.did === d);
  const profile = (m: ChatMember) => ({ did: m.did, handle: m.handle, ...(m.displayName ? { displayName: m.displayName } : {}) });
  const messageView = (m: Message) => ({ $type: 'chat.bsky.convo.defs#messageView', id: m.id, rev: m.rev, text: m.text, sender: { did: m.sender }, sentAt: m.sentAt });
  const convoView = (c: Convo, viewer: string) => {
    const last = c.messages[c.messages.length - 1];
    const read = c.readUpTo.get(viewer) ?? '';
    return {
      id: c.id,
      rev: c.rev,
      members: c.members.map(profile),
      ...(last ? { lastMessage: messageView(last) } : {}),
      muted: false,
      status: 'accepted',
      unreadCount: c.messages.filter((m) => m.sender !== viewer && m.id > read).length,
    };
  };

  const send = (convoId: string, from: ChatMember, text: string): Message => {
    const c = convos.find((x) => x.id === convoId);
    if (!c || !memberOf(c, from.did)) throw new Error(`${from.handle} is not in conversation ${convoId}`);
    const m: Message = { id: next(), rev: next(), text, sender: from.did, sentAt: new Date().toISOString() };
    c.messages.push(m);
    c.rev = m.rev;
    c.readUpTo.set(from.did, m.id);
    log.push({ rev: m.rev, convoId, message: m });
    return m;
  };

  /** One page of a list sorted newest first, by an opaque cursor (the last id of the previous page). */
  const pageOf = <T>(list: T[], key: (x: T) => string, params: Record<string, unknown>) => {
    const limit = Number(params.limit ?? 50);
    const from = typeof params.cursor === 'string' ? list.findIndex((x) => key(x) < (params.cursor as string)) : 0;
    const items = from < 0 ? [] : list.slice(from, from + limit);
    const more = from >= 0 && from + limit < list.length;
    return { items, cursor: more ? key(items[items.length - 1]!) : undefined };
  };

  const handlers: Record<string, (caller: string, params: Record<string, unknown>, input: Record<string, unknown>) => { status: number; body: unknown }> = {
    'chat.bsky.convo.listConvos': (caller, params) => {
      const mine = convos.filter((c) => memberOf(c, caller)).sort((a, b) => (a.rev < b.rev ? 1 : -1));
      const p = pageOf(mine, (c) => c.rev, params);
      return { status: 200, body: { convos: p.items.map((c) => convoView(c, caller)), ...(p.cursor ? { cursor: p.cursor } : {}) } };
    },
    'chat.bsky.convo.getConvo': (caller, params) => {
      const c = convos.find((x) => x.id === params.convoId && memberOf(x, caller));
      return c ? { status: 200, body: { convo: convoView(c, caller) } } : { status: 400, body: errorBody('InvalidConvo', 'Convo not found') };
    },
    'chat.bsky.convo.getMessages': (caller, params) => {
      const c = convos.find((x) => x.id === params.convoId && memberOf(x, caller));
      if (!c) return { status: 400, body: errorBody('InvalidConvo', 'Convo not found') };
      const p = pageOf([...c.messages].reverse(), (m) => m.id, params);
      return { status: 200, body: { messages: p.items.map(messageView), ...(p.cursor ? { cursor: p.cursor } : {}) } };
    },
    'chat.bsky.convo.sendMessage': (caller, _params, input) => {
      const c = convos.find((x) => x.id === input.convoId && memberOf(x, caller));
      if (!c) return { status: 400, body: errorBody('InvalidConvo', 'Convo not found') };
      const m = send(c.id, memberOf(c, caller)!, String((input.message as { text: string }).text));
      return { status: 200, body: messageView(m) };
    },
    'chat.bsky.convo.updateRead': (caller, _params, input) => {
      const c = convos.find((x) => x.id === input.convoId && memberOf(x, caller));
      if (!c) return { status: 400, body: errorBody('InvalidConvo', 'Convo not found') };
      const upTo = typeof input.messageId === 'string' ? input.messageId : (c.messages[c.messages.length - 1]?.id ?? '');
      c.readUpTo.set(caller, upTo);
      return { status: 200, body: { convo: convoView(c, caller) } };
    },
    'chat.bsky.convo.getLog': (caller, params) => {
      const mine = log.filter((l) => memberOf(convos.find((c) => c.id === l.convoId)!, caller));
      const after = typeof params.cursor === 'string' ? mine.filter((l) => l.rev > (params.cursor as string)) : mine;
      const logs = after.map((l) => ({ $type: 'chat.bsky.convo.defs#logCreateMessage', rev: l.rev, convoId: l.convoId, message: messageView(l.message) }));
      const last = mine[mine.length - 1];
      return { status: 200, body: { logs, ...(last ? { cursor: last.rev } : {}) } };
    },
  };

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname === '/.well-known/did.json') {
      return reply(res, 200, { '@context': ['https://www.w3.org/ns/did/v1'], id: did, service: [{ id: '#bsky_chat', type: 'BskyChatService', serviceEndpoint: url }] });
    }
    const nsid = u.pathname.startsWith('/xrpc/') ? u.pathname.slice('/xrpc/'.length) : '';
    const handler = handlers[nsid];
    if (!handler) {
      violations.push(`${req.method} ${u.pathname}: not a method of the stand-in`);
      return reply(res, 501, errorBody('MethodNotImplemented', `${nsid} is not implemented`));
    }
    const jwt = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let caller: string;
    try {
      if (!jwt) throw new Error('no service token');
      const payload = await verifyJwt(jwt, did, nsid, async (iss, force) => resolver.did.resolveAtprotoKey(iss.split('#')[0]!, force));
      caller = payload.iss.split('#')[0]!;
    } catch (err) {
      return reply(res, 401, errorBody('AuthRequired', `Stand-in chat: ${String((err as Error).message ?? err)}`));
    }
    calls.push({ nsid, caller });
    const params: Record<string, unknown> = {};
    for (const [k, v] of u.searchParams) params[k] = k === 'limit' ? Number(v) : v;
    let input: Record<string, unknown> = {};
    try {
      lexicons.assertValidXrpcParams(nsid, params);
      if (req.method === 'POST') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        lexicons.assertValidXrpcInput(nsid, input);
      }
    } catch (err) {
      violations.push(`${nsid} request: ${String((err as Error).message ?? err)}`);
      return reply(res, 400, errorBody('InvalidRequest', String((err as Error).message ?? err)));
    }
    const out = handler(caller, params, input);
    if (out.status === 200) {
      try {
        lexicons.assertValidXrpcOutput(nsid, out.body);
      } catch (err) {
        violations.push(`${nsid} response: ${String((err as Error).message ?? err)}`);
        return reply(res, 500, errorBody('InternalServerError', `Stand-in answer violates the lexicon: ${String((err as Error).message ?? err)}`));
      }
    }
    reply(res, out.status, out.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      violations.push(`internal: ${String(err)}`);
      if (!res.headersSent) reply(res, 500, errorBody('InternalServerError', String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  did = `did:web:localhost%3A${port}`;
  url = `http://127.0.0.1:${port}`;

  return {
    did,
    url,
    calls,
    convo(a, b) {
      const found = convos.find((c) => memberOf(c, a.did) && memberOf(c, b.did));
      if (found) return found.id;
      const c: Convo = { id: `convo${next()}`, rev: next(), members: [a, b], messages: [], readUpTo: new Map() };
      convos.push(c);
      return c.id;
    },
    send,
    messages: (convoId) => [...(convos.find((c) => c.id === convoId)?.messages ?? [])],
    readUpTo: (convoId, memberDid) => convos.find((c) => c.id === convoId)?.readUpTo.get(memberDid) ?? null,
    assertNoViolations() {
      if (violations.length) throw new Error(`The chat stand-in recorded violations:\n${violations.join('\n')}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
