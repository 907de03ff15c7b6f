import { noticeContent, type ColumnNotice, type NoticeTarget } from '../../shared/board/notice';
import { getClient } from '../client';
import { i18n } from '../i18n';
import { openNoticeTarget, type NoticePorts } from '../model/board/notify';

/**
 * Desktop notifications on the web host, through the browser's Notification API (the core
 * decides what to announce; the desktop shell shows Electron's own and sends `board.focus`).
 * The permission is asked from a gesture: turning a column's notifications on, or adding a
 * column that has them by default.
 */
let ports: NoticePorts | null = null;

/** The stores that a click moves (set once by the event wiring, see stores/sync.ts). */
export function setNoticePorts(next: NoticePorts): void {
  ports = next;
}

export function openNotice(target: NoticeTarget): void {
  if (ports) openNoticeTarget(target, ports);
}

export function showNotice(notice: ColumnNotice): void {
  if (getClient().host === 'desktop') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const content of noticeContent(notice, i18n.language)) {
    const shown = new Notification(content.title, { body: content.body, tag: content.tag });
    shown.onclick = () => {
      window.focus();
      openNotice(content.target);
      shown.close();
    };
  }
}

/** Call from a click or a key press only (browsers ignore a request made without one). */
export function askNotificationPermission(): void {
  if (getClient().host === 'desktop' || typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}
