import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Inbox } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../i18n';
import { isTextEntryTarget } from '../../lib/keys';
import { useKeysFromNowhere } from '../../lib/keysFromNowhere';
import { ageing, bulkDoneKey, followFocus, moveFocus, snoozeUntil } from '../../model/inbox/inboxModel';
import { useInbox } from '../../stores/inbox';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';
import { AuditDialog } from './AuditDialog';
import { CharterDialog } from './CharterDialog';
import { ConversationPane } from './ConversationPane';
import { applySuggestion, changeState, moderateEntry, reply } from './inboxActions';
import { InboxRow } from './InboxRow';
import { InboxToolbar, type InboxPanel } from './InboxToolbar';
import { ResponseTimesDialog } from './response/ResponseTimesDialog';
import { SavedRepliesDialog } from './SavedRepliesDialog';

const rowAt = (list: HTMLUListElement | null, index: number) => list?.querySelectorAll<HTMLElement>('.inbox-row')[index];

/**
 * The workspace's inbox: everything that calls for the brand across its accounts, by state,
 * with the keyboard: j/k move, e done, s snooze, r reply, o the conversation, h hide a reply,
 * a the charter's suggestion (hide or report, in the rule's name).
 */
export function InboxView() {
  const { t } = useTranslation();
  const workspaceId = useWorkspaces((s) => s.selectedId);
  const { entries, counts, targetMinutes, businessHours, loading, error, tab, filter, load } = useInbox();
  const timeZone = useWorkspaces((s) => s.workspaces.find((w) => w.id === s.selectedId)?.timeZone ?? 'UTC');
  // The keyboard stays on an item, not on a place in the list: items arriving above it or a reload
  // never move it to another one (whatever "e" or "r" would then act on).
  const [focusId, setFocusId] = useState<string | null>(null);
  const [shown, setShown] = useState(entries);
  if (shown !== entries) {
    setShown(entries);
    // Before any move the first item is the one shown focused: it is followed like any other.
    setFocusId(followFocus(shown, entries, focusId ?? shown[0]?.id ?? null));
  }
  const [panel, setPanel] = useState<InboxPanel | null>(null);
  const [conversation, setConversation] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const view = useRef<HTMLElement>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // The ageing colours follow the clock.
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (workspaceId) void load(workspaceId);
  }, [workspaceId, load]);
  const found = focusId === null ? -1 : entries.findIndex((e) => e.id === focusId);
  const focus = found === -1 ? 0 : found;
  const current = entries[focus];
  const lastFocused = useRef<string | undefined>(undefined);
  useEffect(() => {
    const row = rowAt(list.current, focus);
    const active = document.activeElement;
    // The item with the keyboard left the list (done, snoozed, answered): the page has it now.
    const left = current?.id !== lastFocused.current && (active === null || active === document.body);
    lastFocused.current = current?.id;
    // Keys move the focus once it is in the list, or on the view itself (just opened with "i").
    if (row && (left || list.current?.contains(active) || active === view.current)) row.focus();
  }, [focus, current?.id]);

  // j/k while nothing has the keyboard (the bulk button gone with the items it marked, an undo): to the item.
  useKeysFromNowhere(
    () => rowAt(list.current, focus) ?? null,
    () => view.current,
  );

  // The composer closed (a reply sent or put away): the keyboard comes back to the item, never to the page.
  const focusRequest = useUi((s) => s.focusBoardRequest);
  const answered = useRef(focusRequest);
  useEffect(() => {
    if (focusRequest === answered.current) return;
    answered.current = focusRequest;
    (rowAt(list.current, focus) ?? view.current)?.focus();
    // Only on request, not when the list changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  useEffect(() => {
    // Opened with "i" (or from the rail by keyboard, focus then left on nothing): j/k work at once.
    if (!document.activeElement || document.activeElement === document.body) view.current?.focus({ preventScroll: true });
  }, [workspaceId]);

  if (!workspaceId) return null;
  // The keyboard goes back to the item whose conversation it was (the pane's button leaves with it).
  const closeConversation = () => {
    rowAt(list.current, focus)?.focus();
    setConversation(null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntryTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '/' && !event.shiftKey) {
      event.preventDefault();
      view.current?.querySelector<HTMLInputElement>('.inbox-search input')?.focus();
      return;
    }
    if (event.key === 'Escape' && conversation) {
      event.preventDefault();
      closeConversation();
      return;
    }
    // The keys act on the list: from a row, or from the view just opened (not from the toolbar's buttons).
    if (event.target !== view.current && !list.current?.contains(event.target as Node)) return;
    // A row's own buttons (its menu) keep their keys.
    if (event.target instanceof HTMLElement && event.target.closest('button')) return;
    if (event.target === view.current && (event.key === 'j' || event.key === 'k' || event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      rowAt(list.current, focus)?.focus();
      return;
    }
    const moved = moveFocus(focus, entries.length, event.key);
    if (moved !== null) {
      event.preventDefault();
      setFocusId(entries[moved]?.id ?? null);
      return;
    }
    if (!current) return;
    const key = event.key.toLowerCase();
    if (key === 'e') void changeState([current.id], current.state === 'done' ? 'to_handle' : 'done');
    else if (key === 's') void changeState([current.id], 'snoozed', snoozeUntil(event.shiftKey ? 'tomorrow' : 'hours', new Date()));
    else if (key === 'r') void reply(workspaceId, current);
    else if (key === 'o' || key === 'enter') setConversation(current.id);
    // Any reply on a Bluesky thread can be hidden; a flagged one names its rule in the audit log.
    else if (key === 'h' && current.kind === 'reply' && current.network === 'bluesky') moderateEntry(workspaceId, current, 'hide_reply', current.flags[0]?.ruleId);
    // Not a reply under the account's post (a mention, a quote, another network): say what can be done instead.
    else if (key === 'h') useToasts.getState().show({ message: t(current.network === 'bluesky' ? 'inbox.cannotHide.notReply' : 'inbox.cannotHide.network') });
    else if (key === 'a' && current.flags.length > 0) applySuggestion(workspaceId, current);
    else return;
    event.preventDefault();
  };

  return (
    <main ref={view} className="inbox" id="board" tabIndex={-1} aria-label={t('inbox.title')} onKeyDown={onKeyDown}>
      <InboxToolbar counts={counts[workspaceId]} onOpen={setPanel} onSearched={() => rowAt(list.current, focus)?.focus()} />
      {entries.length > 1 && tab !== 'done' ? (
        <div className="inbox-bulk">
          <button type="button" className="button" onClick={() => void changeState(entries.map((e) => e.id), 'done')}>
            {t(bulkDoneKey(entries.length, tab === 'to_handle' ? counts[workspaceId]?.toHandle : counts[workspaceId]?.snoozed), { count: entries.length })}
          </button>
        </div>
      ) : null}
      <div className="inbox-body">
        {error ? <p role="alert">{errorText(error)}</p> : null}
        {entries.length === 0 && !loading ? (
          <EmptyState icon={Inbox} title={filter.text ? t('inbox.search.empty', { text: filter.text }) : t(`inbox.empty.${tab}`)}>
            {filter.text ? null : t('inbox.emptyHint')}
          </EmptyState>
        ) : (
          <ul ref={list} className="inbox-list" aria-label={t(`inbox.tabs.${tab}`)} aria-keyshortcuts="J K E S R O H A">
            {entries.map((entry, i) => (
              <InboxRow key={entry.id} workspaceId={workspaceId} timeZone={timeZone} entry={entry} focused={i === focus} ageOf={(arrivedAt) => ageing(arrivedAt, now, targetMinutes, businessHours, timeZone)} onFocus={() => setFocusId(entry.id)} />
            ))}
          </ul>
        )}
        {conversation && entries.find((e) => e.id === conversation) ? (
          <ConversationPane workspaceId={workspaceId} entry={entries.find((e) => e.id === conversation)!} onClose={closeConversation} />
        ) : null}
      </div>
      {panel === 'charter' ? <CharterDialog workspaceId={workspaceId} onClose={() => setPanel(null)} /> : null}
      {panel === 'responseTimes' ? <ResponseTimesDialog workspaceId={workspaceId} onClose={() => setPanel(null)} /> : null}
      {panel === 'replies' ? <SavedRepliesDialog workspaceId={workspaceId} entry={current ?? null} onClose={() => setPanel(null)} /> : null}
      {panel === 'audit' ? <AuditDialog workspaceId={workspaceId} timeZone={timeZone} onClose={() => setPanel(null)} /> : null}
    </main>
  );
}
