/**
 * The stand-in's community: other accounts of the instance, their statuses (any HTML, hostile
 * included), notifications for the signed-in account, favourites, reblogs, bookmarks, markers,
 * and the read routes the board uses (home, notifications, search v2, hashtag timelines,
 * statuses and their context), paginated with Link headers. Every answer is still validated
 * against the Mastodon OpenAPI description by the stand-in.
 */
import type { RenderContext, StatusRecord } from './entities';
import { renderAccount, renderStatus } from './entities';

export interface CommunityAccount {
  id: string;
  username: string;
  displayName: string;
  /** What its Account entity says unlike the default one (account rules of the charter). */
  profile?: CommunityProfile;
}

/** created_at (Mastodon: midnight of the day), the note (HTML, '' for none), statuses_count, a picture of its own. */
export interface CommunityProfile {
  createdAt?: string;
  note?: string;
  statusesCount?: number;
  avatar?: boolean;
}

export interface CommunityStatus extends StatusRecord {
  authorId: string;
  /** Raw HTML served as `content` (hostile content tests); default: rendered from text. */
  html?: string;
  mentionsMe: boolean;
  editedAt?: string;
}

export interface CommunityNotification {
  id: string;
  type: string;
  accountId: string;
  statusId: string | null;
  createdAt: string;
}

export interface Community {
  accounts: CommunityAccount[];
  statuses: CommunityStatus[];
  notifications: CommunityNotification[];
  favourites: Set<string>;
  reblogs: Set<string>;
  bookmarks: Set<string>;
  markers: Record<string, { id: string; at: string; version: number }>;
  /** Direct conversations with the signed-in account (`/api/v1/conversations`). */
  conversations: { id: string; accountId: string; lastStatusId: string; unread: boolean }[];
  /** The signed-in account's lists (`act.addList`): their members' statuses make the list's timeline. */
  lists: { id: string; title: string; accountIds: string[] }[];
}

export const newCommunity = (): Community => ({ accounts: [], statuses: [], notifications: [], favourites: new Set(), reblogs: new Set(), bookmarks: new Set(), markers: {}, conversations: [], lists: [] });

/** What the community's activity sends to the streaming API (streaming.ts): the event, its payload, the streams it goes to. */
export interface CommunityEvent {
  event: 'update' | 'notification' | 'delete' | 'status.update' | 'conversation';
  /** An entity (sent as a JSON string), or the id of a deleted status (sent as is). */
  payload: unknown;
  to: { stream: 'user' | 'user:notification' | 'hashtag' | 'list' | 'direct'; tag?: string; list?: string }[];
}

interface Reply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}
interface Ctx {
  url: URL;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  now: number;
}
export interface CommunityHost {
  renderContext(): RenderContext;
  newId(): string;
  ownStatuses(): StatusRecord[];
  now(): number;
  /** The streaming API's broadcast (absent: nothing streams). */
  publish?(e: CommunityEvent): void;
}

const tagsOf = (text: string) => [...text.matchAll(/#(\w+)/gu)].map((m) => m[1]!.toLowerCase());

const byIdDesc = (a: { id: string }, b: { id: string }) => Number(b.id) - Number(a.id);

export function communityApi(c: Community, host: CommunityHost) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const account = (id: string) => c.accounts.find((a) => a.id === id)!;
  const renderOther = (a: CommunityAccount) => {
    const ctx = host.renderContext();
    const drawn = renderAccount({ ...ctx, account: { ...ctx.account, id: a.id, username: a.username, displayName: a.displayName }, statusesCount: c.statuses.filter((s) => s.authorId === a.id).length, lastStatusAt: null });
    const p = a.profile ?? {};
    const picture = `${ctx.baseUrl}/avatars/original/${a.id}.png`;
    return {
      ...drawn,
      ...(p.createdAt !== undefined ? { created_at: p.createdAt } : {}),
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(p.statusesCount !== undefined ? { statuses_count: p.statusesCount } : {}),
      ...(p.avatar ? { avatar: picture, avatar_static: picture } : {}),
    };
  };
  const all = (): (StatusRecord & Partial<CommunityStatus>)[] => [...host.ownStatuses().filter((s) => !s.deletedAt), ...c.statuses.filter((s) => !s.deletedAt)];
  const find = (id: string) => all().find((s) => s.id === id);
  const render = (s: StatusRecord & Partial<CommunityStatus>): Record<string, unknown> => {
    const ctx = host.renderContext();
    const author = s.authorId ? account(s.authorId) : null;
    const rctx: RenderContext = author ? { ...ctx, account: { ...ctx.account, id: author.id, username: author.username, displayName: author.displayName }, statuses: all() } : { ...ctx, statuses: all() };
    const base = renderStatus(s, rctx, host.now());
    const parent = s.inReplyToId ? find(s.inReplyToId) : undefined;
    const me = ctx.account;
    return {
      ...base,
      ...(s.html !== undefined ? { content: s.html } : {}),
      ...(s.editedAt ? { edited_at: s.editedAt } : {}),
      in_reply_to_account_id: parent ? ((parent as Partial<CommunityStatus>).authorId ?? me.id) : null,
      replies_count: all().filter((x) => x.inReplyToId === s.id).length,
      favourited: c.favourites.has(s.id),
      reblogged: c.reblogs.has(s.id),
      bookmarked: c.bookmarks.has(s.id),
      favourites_count: c.favourites.has(s.id) ? 1 : 0,
      reblogs_count: c.reblogs.has(s.id) ? 1 : 0,
      ...(author ? { account: renderOther(author) } : {}),
      mentions: s.mentionsMe ? [{ id: me.id, username: me.username, acct: me.username, url: `${ctx.baseUrl}/@${me.username}` }] : [],
    };
  };
  /** A page of `list` (newest first) after max_id, with a Link header to the next page. */
  const page = <T extends { id: string }>(list: T[], ctx: Ctx, draw: (x: T) => unknown): Reply => {
    const limit = Math.min(Number(ctx.query.limit ?? 20) || 20, 40);
    const maxId = typeof ctx.query.max_id === 'string' ? Number(ctx.query.max_id) : Infinity;
    const items = list.sort(byIdDesc).filter((x) => Number(x.id) < maxId).slice(0, limit);
    const headers: Record<string, string> = {};
    if (items.length === limit) {
      const next = new URL(ctx.url.href);
      next.searchParams.set('max_id', items[items.length - 1]!.id);
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, json: items.map(draw), headers };
  };
  const status = (ctx: Ctx) => find(ctx.pathParams.id!);
  const notFound: Reply = { status: 404, json: { error: 'Record not found' } };
  const toggle = (set: Set<string>, on: boolean) => (ctx: Ctx): Reply => {
    const s = status(ctx);
    if (!s) return notFound;
    if (on) set.add(s.id);
    else set.delete(s.id);
    return { status: 200, json: render(s) };
  };
  const renderNotification = (n: CommunityNotification) => ({
    id: n.id,
    type: n.type,
    group_key: `ungrouped-${n.id}`,
    created_at: n.createdAt,
    account: renderOther(account(n.accountId)),
    ...(n.statusId && find(n.statusId) ? { status: render(find(n.statusId)!) } : {}),
  });
  const renderConversation = (x: Community['conversations'][number]) => ({ id: x.id, unread: x.unread, accounts: [renderOther(account(x.accountId))], last_status: render(find(x.lastStatusId)!) });
  const listsOf = (s: StatusRecord & Partial<CommunityStatus>) => c.lists.filter((l) => s.authorId && l.accountIds.includes(s.authorId));
  const statusStreams = (s: StatusRecord & Partial<CommunityStatus>): CommunityEvent['to'] => [
    { stream: 'user' },
    ...tagsOf(s.text).map((tag) => ({ stream: 'hashtag' as const, tag })),
    ...listsOf(s).map((l) => ({ stream: 'list' as const, list: l.id })),
  ];
  const types = (q: unknown): string[] | null => (Array.isArray(q) ? q.map(String) : typeof q === 'string' ? [q] : null);

  const routes: [string, (ctx: Ctx) => Reply][] = [
    ['GET /api/v1/timelines/home', (ctx) => page(all(), ctx, render)],
    [
      'GET /api/v1/timelines/list/{list_id}',
      (ctx) => {
        const list = c.lists.find((l) => l.id === ctx.pathParams.list_id);
        return list ? page(all().filter((s) => s.authorId && list.accountIds.includes(s.authorId) && s.visibility !== 'direct'), ctx, render) : notFound;
      },
    ],
    ['GET /api/v1/timelines/tag/{hashtag}', (ctx) => page(all().filter((s) => new RegExp(`#${ctx.pathParams.hashtag}\\b`, 'i').test(s.text)), ctx, render)],
    [
      'GET /api/v1/notifications',
      (ctx) => {
        const wanted = types(ctx.query.types ?? ctx.query['types[]']);
        return page(c.notifications.filter((n) => !wanted || wanted.includes(n.type)), ctx, renderNotification);
      },
    ],
    [
      'GET /api/v2/search',
      (ctx) => {
        const words = String(ctx.query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const found = all().filter((s) => words.every((w) => s.text.toLowerCase().includes(w)));
        const p = page(found, ctx, render);
        return { status: 200, json: { accounts: [], statuses: p.json, hashtags: [] } };
      },
    ],
    [
      'GET /api/v1/conversations',
      (ctx) => page(c.conversations.filter((x) => find(x.lastStatusId)), ctx, renderConversation),
    ],
    ['GET /api/v1/statuses/{id}', (ctx) => (status(ctx) ? { status: 200, json: render(status(ctx)!) } : notFound)],
    [
      'GET /api/v1/statuses/{id}/context',
      (ctx) => {
        const s = status(ctx);
        if (!s) return notFound;
        const ancestors: StatusRecord[] = [];
        for (let p = s.inReplyToId ? find(s.inReplyToId) : undefined; p; p = p.inReplyToId ? find(p.inReplyToId) : undefined) ancestors.unshift(p);
        const descendants: StatusRecord[] = [];
        const walk = (id: string) => {
          for (const r of all().filter((x) => x.inReplyToId === id).sort((a, b) => Number(a.id) - Number(b.id))) {
            descendants.push(r);
            walk(r.id);
          }
        };
        walk(s.id);
        return { status: 200, json: { ancestors: ancestors.map(render), descendants: descendants.map(render) } };
      },
    ],
    ['POST /api/v1/statuses/{id}/favourite', toggle(c.favourites, true)],
    ['POST /api/v1/statuses/{id}/unfavourite', toggle(c.favourites, false)],
    ['POST /api/v1/statuses/{id}/reblog', toggle(c.reblogs, true)],
    ['POST /api/v1/statuses/{id}/unreblog', toggle(c.reblogs, false)],
    ['POST /api/v1/statuses/{id}/bookmark', toggle(c.bookmarks, true)],
    ['POST /api/v1/statuses/{id}/unbookmark', toggle(c.bookmarks, false)],
    [
      'GET /api/v1/markers',
      (ctx) => {
        const wanted = types(ctx.query.timeline ?? ctx.query['timeline[]']) ?? [];
        return { status: 200, json: Object.fromEntries(wanted.filter((t) => c.markers[t]).map((t) => [t, { last_read_id: c.markers[t]!.id, version: c.markers[t]!.version, updated_at: c.markers[t]!.at }])) };
      },
    ],
    [
      'POST /api/v1/markers',
      (ctx) => {
        const out: Record<string, unknown> = {};
        for (const t of ['home', 'notifications']) {
          const v = ctx.body[t] as { last_read_id?: string } | undefined;
          if (v?.last_read_id) {
            c.markers[t] = { id: v.last_read_id, at: iso(ctx.now), version: (c.markers[t]?.version ?? 0) + 1 };
            out[t] = { last_read_id: c.markers[t]!.id, version: c.markers[t]!.version, updated_at: c.markers[t]!.at };
          }
        }
        return { status: 200, json: out };
      },
    ],
  ];

  /** Test-side helpers: the community acts. */
  const helpers = {
    addAccount(username: string, displayName = username, profile?: CommunityProfile): CommunityAccount {
      const a: CommunityAccount = { id: host.newId(), username, displayName, ...(profile ? { profile } : {}) };
      c.accounts.push(a);
      return a;
    },
    post(author: CommunityAccount, text: string, opts: { html?: string; inReplyToId?: string; mentionsMe?: boolean; visibility?: 'public' | 'direct' } = {}): CommunityStatus {
      const s: CommunityStatus = {
        id: host.newId(),
        createdAt: iso(host.now()),
        text,
        spoilerText: '',
        sensitive: false,
        visibility: opts.visibility ?? 'public',
        language: 'fr',
        inReplyToId: opts.inReplyToId ?? null,
        mediaIds: [],
        poll: null,
        appId: null,
        idempotencyKey: null,
        deletedAt: null,
        fromScheduledStatusId: null,
        authorId: author.id,
        mentionsMe: opts.mentionsMe ?? false,
        ...(opts.html !== undefined ? { html: opts.html } : {}),
      };
      c.statuses.push(s);
      if (s.visibility !== 'direct') host.publish?.({ event: 'update', payload: render(s), to: statusStreams(s) });
      const mine = opts.inReplyToId && host.ownStatuses().some((o) => o.id === opts.inReplyToId);
      if (s.mentionsMe || mine) helpers.notify('mention', author, s.id);
      return s;
    },
    notify(type: string, from: CommunityAccount, statusId: string | null = null): CommunityNotification {
      const n = { id: host.newId(), type, accountId: from.id, statusId, createdAt: iso(host.now()) };
      c.notifications.push(n);
      host.publish?.({ event: 'notification', payload: renderNotification(n), to: [{ stream: 'user' }, { stream: 'user:notification' }] });
      return n;
    },
    /** A direct message to the signed-in account: a `direct` status in a conversation (one per author). */
    directMessage(author: CommunityAccount, text: string, opts: { inReplyToId?: string } = {}): CommunityStatus {
      const s = helpers.post(author, `@tribune ${text}`, { mentionsMe: true, visibility: 'direct', ...opts });
      let conversation = c.conversations.find((x) => x.accountId === author.id);
      if (!conversation) c.conversations.push((conversation = { id: host.newId(), accountId: author.id, lastStatusId: s.id, unread: true }));
      conversation.lastStatusId = s.id;
      conversation.unread = true;
      host.publish?.({ event: 'conversation', payload: renderConversation(conversation), to: [{ stream: 'direct' }] });
      return s;
    },
    /** A list of the signed-in account with these members. */
    addList(title: string, members: CommunityAccount[]): { id: string; title: string } {
      const list = { id: host.newId(), title, accountIds: members.map((m) => m.id) };
      c.lists.push(list);
      return { id: list.id, title };
    },
    /** The author deletes a status: gone from every route, `delete` streamed. */
    deleteStatus(id: string): void {
      const s = c.statuses.find((x) => x.id === id)!;
      s.deletedAt = iso(host.now());
      host.publish?.({ event: 'delete', payload: id, to: statusStreams(s) });
    },
    /** The author edits a status: `status.update` streamed with the new version. */
    editStatus(id: string, text: string): void {
      const s = c.statuses.find((x) => x.id === id)!;
      s.text = text;
      s.editedAt = iso(host.now());
      host.publish?.({ event: 'status.update', payload: render(s), to: statusStreams(s) });
    },
  };
  /** A status (the brand's or the community's) as the API draws it, or null. */
  const statusById = (id: string): Record<string, unknown> | null => {
    const s = find(id);
    return s ? render(s) : null;
  };
  return { routes, helpers, renderOther, statusById };
}
