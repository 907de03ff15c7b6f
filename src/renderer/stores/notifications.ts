import type { ColumnEntry } from '../../shared/board/schemas';
import { planNotifications } from '../model/board/notify';

/**
 * Desktop notifications for new items of columns that have them on, through the browser's
 * Notification API (the web host and Electron's renderer both offer it): never for items seen or
 * already notified, grouped when many arrive at once; a click focuses the item in its column.
 */
const notified = new Set<string>();

export interface NotifyRequest {
  columnId: string;
  title: string;
  entries: readonly ColumnEntry[];
  readCursor: string | null;
  groupedBody(count: number): string;
  onClick(key: string): void;
}

const bodyOf = (entry: ColumnEntry): string => {
  if (entry.kind === 'gap') return '';
  const item = entry.item;
  const who = entry.kind === 'notification' ? entry.actor : item?.author;
  const name = who ? who.displayName || `@${who.handle}` : '';
  return `${name}${item ? ` : ${Array.from(item.text).slice(0, 140).join('')}` : ''}`;
};

export function notifyNewEntries(request: NotifyRequest): void {
  if (typeof Notification === 'undefined') return;
  const fresh = request.entries.filter((e): e is Exclude<ColumnEntry, { kind: 'gap' }> => e.kind !== 'gap' && (request.readCursor === null || e.cursor > request.readCursor));
  const plan = planNotifications(
    fresh.map((e) => ({ key: `${request.columnId}:${e.key}`, createdAt: e.kind === 'notification' ? e.at : e.item.createdAt })),
    { enabled: true, readUpTo: null, alreadyNotified: notified },
  );
  const show = () => {
    const byKey = new Map(fresh.map((e) => [`${request.columnId}:${e.key}`, e]));
    const notes = plan.grouped > 0 ? [{ key: plan.focusKey!, body: request.groupedBody(plan.grouped) }] : plan.single.map((key) => ({ key, body: bodyOf(byKey.get(key)!) }));
    for (const key of [...plan.single, ...fresh.map((e) => `${request.columnId}:${e.key}`)]) notified.add(key);
    for (const note of notes) {
      const n = new Notification(request.title, { body: note.body, tag: plan.grouped > 0 ? `tribune-${request.columnId}` : note.key, silent: false });
      n.onclick = () => {
        window.focus();
        request.onClick(note.key.slice(request.columnId.length + 1));
        n.close();
      };
    }
  };
  if (!plan.focusKey) return;
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
}

/** Items a column already showed when it was painted are never notified later. */
export function markSeen(columnId: string, entries: readonly ColumnEntry[]): void {
  for (const e of entries) notified.add(`${columnId}:${e.key}`);
}
