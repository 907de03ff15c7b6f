import { useTranslation } from 'react-i18next';
import { AppDialog } from '../../components/AppDialog';
import { Kbd } from '../../components/Kbd';
import { SAVED_REPLY_SHORTCUT } from '../composer/useSavedReplies';

/** Every shortcut, by the keys that trigger it; the same list the tooltips show. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['N'], action: 'newDraft' },
  { keys: ['B'], action: 'goBoard' },
  { keys: ['C'], action: 'goCalendar' },
  { keys: ['Escape'], action: 'closeComposer' },
  { keys: ['↓', 'J'], action: 'next' },
  { keys: ['↑', 'K'], action: 'previous' },
  { keys: ['←', '→'], action: 'otherColumn' },
  { keys: ['Home', 'End'], action: 'firstLast' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['D'], action: 'duplicate' },
  { keys: ['R'], action: 'reschedule' },
  { keys: ['Delete'], action: 'delete' },
  { keys: ['Mod+Z'], action: 'undo' },
  { keys: ['R'], action: 'boardReply' },
  { keys: ['Q'], action: 'boardQuote' },
  { keys: ['F'], action: 'boardLike' },
  { keys: ['T'], action: 'boardRepost' },
  { keys: ['O', 'Enter'], action: 'boardThread' },
  { keys: ['/'], action: 'boardSearch' },
  { keys: ['Space', '←', '→'], action: 'boardMoveColumn' },
  { keys: ['?'], action: 'help' },
  { keys: ['T'], action: 'calendarToday' },
  { keys: ['PageUp', 'PageDown'], action: 'calendarPage' },
  { keys: ['1', '2', '3', '4'], action: 'calendarViews' },
  { keys: ['Space'], action: 'calendarPickUp' },
  { keys: ['←', '→', '↑', '↓'], action: 'calendarMove' },
  // The inbox
  { keys: ['I'], action: 'goInbox' },
  { keys: ['J', 'K'], action: 'inboxMove' },
  { keys: ['E'], action: 'inboxDone' },
  { keys: ['S'], action: 'inboxSnooze' },
  { keys: ['R'], action: 'inboxReply' },
  { keys: ['O'], action: 'inboxThread' },
  { keys: ['H'], action: 'inboxHide' },
  { keys: ['A'], action: 'inboxSuggestion' },
  // The composer
  { keys: [SAVED_REPLY_SHORTCUT], action: 'composerSavedReply' },
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
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keys')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
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
      <p className="dialog-note">{t('shortcuts.note')}</p>
    </AppDialog>
  );
}
