/** What the calendar does: open a post, start one at a time, move one to another time. */
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { getClient } from '../../client';
import { errorText, i18n, t } from '../../i18n';
import { useCalendar } from '../../stores/calendar';
import { useComposer } from '../../stores/composer';
import { useToasts } from '../../stores/toasts';
import { sendDraft } from '../publishing/publishActions';
import { usePlanning } from '../../stores/planning';

export async function openItem(item: Pick<CalendarItem, 'draftId'>): Promise<void> {
  const result = await getClient().invoke('draft.get', { id: item.draftId });
  if (!result.ok) {
    useToasts.getState().show({ tone: 'error', message: t('calendar.openFailed', { reason: errorText(result.error) }) });
    return;
  }
  await useComposer.getState().openDraft(result.value);
}

/** A click (or Enter) on an empty slot: the composer opens with that time ready. */
export async function newPostAt(workspaceId: string, atMs: number): Promise<void> {
  if (await useComposer.getState().openNew(workspaceId)) usePlanning.getState().prepare(new Date(atMs).toISOString());
}

/**
 * A post dropped at another time: a scheduled post is rescheduled through post.schedule (the
 * core plans it again); a draft, an idea or a post in review gets that planned date. The toast
 * offers to put it back where it was (Ctrl/Cmd+Z too).
 */
export async function moveItem(item: CalendarItem, workspaceId: string, atMs: number, zone: string): Promise<boolean> {
  const at = new Date(atMs).toISOString();
  const calendar = useCalendar.getState();
  const back = { label: t('calendar.moveBack'), isUndo: true, run: () => void moveItem({ ...item, at }, workspaceId, Date.parse(item.at), zone) };
  if (item.status === 'scheduled') {
    const done = await sendDraft('schedule', item.draftId, workspaceId, { at, timeZone: zone }, back);
    calendar.invalidate(workspaceId);
    return done;
  }
  const result = await getClient().invoke('post.setPlanning', { draftId: item.draftId, plannedAt: at });
  calendar.invalidate(workspaceId);
  if (!result.ok) {
    useToasts.getState().show({ tone: 'error', message: t('calendar.moveFailed', { reason: errorText(result.error) }), durationMs: 10_000 });
    return false;
  }
  useToasts.getState().show({ message: t('calendar.planned', { when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(atMs) }), action: back });
  return true;
}
