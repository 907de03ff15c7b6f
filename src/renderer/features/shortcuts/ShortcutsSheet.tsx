import { useTranslation } from 'react-i18next';
import { AppDialog } from '../../components/AppDialog';
import { Kbd } from '../../components/Kbd';
import { SAVED_REPLY_SHORTCUT } from '../composer/useSavedReplies';

/** Where a shortcut works: the sheet shows one table for each, in this order. */
export const SHORTCUT_GROUPS = ['everywhere', 'board', 'posts', 'calendar', 'inbox', 'composer'] as const;
type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

/** Every shortcut, by the keys that trigger it and where it works; the same list the tooltips show. */
export const SHORTCUTS: { keys: string[]; action: string; group: ShortcutGroup }[] = [
  { keys: ['N'], action: 'newDraft', group: 'everywhere' },
  { keys: ['B'], action: 'goBoard', group: 'everywhere' },
  { keys: ['C'], action: 'goCalendar', group: 'everywhere' },
  { keys: ['Escape'], action: 'closeComposer', group: 'composer' },
  { keys: ['↓', 'J'], action: 'next', group: 'board' },
  { keys: ['↑', 'K'], action: 'previous', group: 'board' },
  { keys: ['←', '→'], action: 'otherColumn', group: 'board' },
  { keys: ['Home', 'End'], action: 'firstLast', group: 'board' },
  { keys: ['Enter'], action: 'open', group: 'posts' },
  { keys: ['D'], action: 'duplicate', group: 'posts' },
  { keys: ['R'], action: 'reschedule', group: 'posts' },
  { keys: ['Delete'], action: 'delete', group: 'posts' },
  { keys: ['Mod+Z'], action: 'undo', group: 'posts' },
  { keys: ['R'], action: 'boardReply', group: 'board' },
  { keys: ['Q'], action: 'boardQuote', group: 'board' },
  { keys: ['F'], action: 'boardLike', group: 'board' },
  { keys: ['T'], action: 'boardRepost', group: 'board' },
  { keys: ['O', 'Enter'], action: 'boardThread', group: 'board' },
  { keys: ['/'], action: 'boardSearch', group: 'board' },
  { keys: ['Space', '←', '→'], action: 'boardMoveColumn', group: 'board' },
  { keys: ['?'], action: 'help', group: 'everywhere' },
  { keys: ['T'], action: 'calendarToday', group: 'calendar' },
  { keys: ['PageUp', 'PageDown'], action: 'calendarPage', group: 'calendar' },
  { keys: ['1', '2', '3', '4'], action: 'calendarViews', group: 'calendar' },
  { keys: ['Space'], action: 'calendarPickUp', group: 'calendar' },
  { keys: ['←', '→', '↑', '↓'], action: 'calendarMove', group: 'calendar' },
  // The inbox
  { keys: ['I'], action: 'goInbox', group: 'everywhere' },
  { keys: ['J', 'K'], action: 'inboxMove', group: 'inbox' },
  { keys: ['E'], action: 'inboxDone', group: 'inbox' },
  { keys: ['S'], action: 'inboxSnooze', group: 'inbox' },
  { keys: ['R'], action: 'inboxReply', group: 'inbox' },
  { keys: ['O', 'Enter'], action: 'inboxThread', group: 'inbox' },
  { keys: ['H'], action: 'inboxHide', group: 'inbox' },
  { keys: ['A'], action: 'inboxSuggestion', group: 'inbox' },
  { keys: ['/'], action: 'inboxSearch', group: 'inbox' },
  // The composer
  { keys: [SAVED_REPLY_SHORTCUT], action: 'composerSavedReply', group: 'composer' },
];

const KEY_NAMES: Record<string, string> = {
  Escape: 'keys.escape',
  Enter: 'keys.enter',
  Delete: 'keys.delete',
  Home: 'keys.home',
  End: 'keys.end',
  Space: 'keys.space',
  PageUp: 'keys.pageUp',
  PageDown: 'keys.pageDown',
};

export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <AppDialog title={t('shortcuts.title')} onClose={onClose} size="medium" dismissable>
      {SHORTCUT_GROUPS.map((group) => (
        <table key={group} className="shortcuts">
          <caption>{t(`shortcuts.groups.${group}`)}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">{t('shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.filter((s) => s.group === group).map(({ keys, action }) => (
              <tr key={action}>
                <td>
                  {keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? <span className="kbd-or"> {t('shortcuts.or')} </span> : null}
                      <Kbd keys={KEY_NAMES[key] ? t(KEY_NAMES[key]) : key} />
                    </span>
                  ))}
                </td>
                <td>{t(`shortcuts.actions.${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p className="dialog-note">{t('shortcuts.note')}</p>
    </AppDialog>
  );
}
