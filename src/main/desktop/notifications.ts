/**
 * The desktop shell's notifications: the core decides what to announce (`column.notify`,
 * streams/notify.ts) and the words are shared with the web host (shared/board/notice.ts); this
 * only shows them with Electron's Notification, and a click brings the window forward and
 * sends it `board.focus` (the entry, in its column, under the column's account).
 */
import { Notification, type BrowserWindow } from 'electron';
import { ColumnNotice, noticeContent } from '../../shared/board/notice';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import type { Core } from '../core/types';
import { isAppUrl } from '../security/policy';

export function showNotices(core: Core, windows: () => BrowserWindow[], systemLocale: string): () => void {
  // Shown notifications stay referenced until closed or clicked (their handlers must live).
  const shown = new Set<Notification>();
  const language = async () => {
    const settings = await core.handle('settings.get', {});
    const chosen = settings.ok ? (settings.value as { language: string }).language : 'system';
    return chosen === 'system' ? systemLocale : chosen;
  };
  return core.subscribe((event, payload) => {
    if (event !== 'column.notify' || !Notification.isSupported()) return;
    const notice = ColumnNotice.safeParse(payload);
    if (!notice.success) return;
    void language().then((lang) => {
      for (const content of noticeContent(notice.data, lang)) {
        const note = new Notification({ title: content.title, body: content.body });
        shown.add(note);
        note.on('close', () => shown.delete(note));
        note.on('click', () => {
          shown.delete(note);
          const [win] = windows().filter((w) => !w.isDestroyed());
          if (!win) return;
          if (win.isMinimized()) win.restore();
          win.show();
          win.focus();
          if (isAppUrl(win.webContents.getURL())) win.webContents.send(IPC_EVENT_CHANNEL, { event: 'board.focus', payload: content.target });
        });
        note.show();
      }
    });
  });
}
