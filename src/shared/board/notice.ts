/**
 * Desktop notifications of the board: what the core announces (`column.notify`) when a column
 * with notifications on receives items nobody has seen, and the words both hosts show for it
 * (the web host through the browser's Notification API, the desktop shell through Electron's),
 * so the two cannot drift. Many at once make one grouped notification.
 */
import { z } from 'zod';
import { Id, Network } from '../domain';
import { ColumnType, NotificationKind } from './schemas';

/** Past this many new items at once, one notification says how many. */
export const NOTICE_GROUP_AFTER = 3;

export const NoticeItem = z.object({
  /** The entry's key in its column (what a click focuses). */
  key: z.string().min(1),
  /** Who wrote it, or who acted (a notification's actor). */
  author: z.string().max(200),
  /** A notification's kind (like, follow...), null for a post. */
  reason: NotificationKind.nullable(),
  /** The post's text, cut to 140 characters ('' for a follow). */
  text: z.string().max(200),
});
export type NoticeItem = z.infer<typeof NoticeItem>;

export const ColumnNotice = z.object({
  workspaceId: Id,
  boardId: Id,
  columnId: Id,
  columnType: ColumnType,
  /** The column's account: the notification says under which account it opens. */
  accountId: Id,
  accountHandle: z.string(),
  network: Network,
  /** How many new items arrived. */
  count: z.number().int().positive(),
  /** One notification for all of them (count > NOTICE_GROUP_AFTER): `items` is empty. */
  grouped: z.boolean(),
  /** Newest first, one notification each (at most NOTICE_GROUP_AFTER). */
  items: z.array(NoticeItem).max(NOTICE_GROUP_AFTER),
  /** The newest item's key (what a grouped notification focuses). */
  focusKey: z.string().min(1),
});
export type ColumnNotice = z.infer<typeof ColumnNotice>;

/** Where a click on a notification leads: this entry, in this column, under the column's account. */
export const NoticeTarget = z.object({ workspaceId: Id, boardId: Id, columnId: Id, key: z.string().min(1) });
export type NoticeTarget = z.infer<typeof NoticeTarget>;

export interface NoticeContent {
  /** Replaces an older notification with the same tag (one per column when grouped). */
  tag: string;
  title: string;
  body: string;
  target: NoticeTarget;
}

type Lang = 'fr' | 'en';
const TYPES: Record<Lang, Partial<Record<ColumnType, string>>> = {
  fr: { home: "Fil d'accueil", notifications: 'Notifications', mentions: 'Mentions', direct: 'Messages privés', search: 'Veille', list: 'Liste', profile: 'Profil', own_posts: 'Nos publications' },
  en: { home: 'Home timeline', notifications: 'Notifications', mentions: 'Mentions', direct: 'Direct messages', search: 'Monitoring', list: 'List', profile: 'Profile', own_posts: 'Our posts' },
};
const REASONS: Record<Lang, Partial<Record<NotificationKind, string>>> = {
  fr: { like: 'a aimé', repost: 'a partagé', follow: 'vous suit', quote: 'a cité', reply: 'a répondu', mention: 'vous a mentionné' },
  en: { like: 'liked', repost: 'reposted', follow: 'followed you', quote: 'quoted', reply: 'replied', mention: 'mentioned you' },
};
const GROUPED: Record<Lang, (n: number) => string> = {
  fr: (n) => `${n} nouveaux éléments`,
  en: (n) => `${n} new items`,
};

const handleOf = (h: string) => (h.startsWith('@') ? h : `@${h}`);

/** The notifications to show for one notice, in the person's language. */
export function noticeContent(notice: ColumnNotice, language: string): NoticeContent[] {
  const lang: Lang = language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const title = `${TYPES[lang][notice.columnType] ?? notice.columnType} · ${handleOf(notice.accountHandle)}`;
  const target = (key: string): NoticeTarget => ({ workspaceId: notice.workspaceId, boardId: notice.boardId, columnId: notice.columnId, key });
  if (notice.grouped) return [{ tag: `tribune-${notice.columnId}`, title, body: GROUPED[lang](notice.count), target: target(notice.focusKey) }];
  const colon = lang === 'fr' ? ' : ' : ': ';
  return notice.items.map((item) => {
    const reason = item.reason ? REASONS[lang][item.reason] : undefined;
    const who = reason ? `${item.author} ${reason}` : item.author;
    return { tag: `tribune-${notice.columnId}-${item.key}`, title, body: item.text ? `${who}${colon}${item.text}` : who, target: target(item.key) };
  });
}
