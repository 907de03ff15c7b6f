import type { EventPayload } from '../../shared/contract';
import { getClient } from '../client';
import { reportNetworkChanges } from '../lib/networkReports';
import { useAccounts } from './accounts';
import { useCalendar } from './calendar';
import { useCampaigns } from './campaigns';
import { usePlanning } from './planning';
import { useApp } from './app';
import { useBoards } from './boards';
import { openNotice, setNoticePorts, showNotice } from './notifications';
import { useStreams } from './streams';
import { useComposer } from './composer';
import { retryComposerIfFailed } from './composerSaving';
import { draftBackup } from './composerSession';
import { useConnection } from './connection';
import { useDrafts } from './drafts';
import { useMissed } from './missed';
import { usePosts } from './posts';
import { usePublishing } from './publishing';
import { useToasts } from './toasts';
import { useUnread } from './unread';
import { t } from '../i18n';
import { useVault } from './vault';
import { useWorkspaces } from './workspaces';
import { useUi } from './ui';

/** Sends again the text of drafts whose saves were never acknowledged (reload, crash). */
async function recoverUnsavedDrafts(): Promise<void> {
  const openId = useComposer.getState().draftId;
  for (const entry of draftBackup.all()) {
    if (entry.id === openId) continue;
    const result = await getClient().invoke('draft.save', entry);
    if (result.ok) {
      draftBackup.acknowledge(entry.id, entry.text, entry.content);
      useDrafts.getState().upsert(result.value);
    }
  }
}

/**
 * Loads everything the current screen shows. The selected workspace's data is read when it is
 * selected (AppEffects, the first selection at start included); after a reconnection, when the
 * selection is still the same, it is read again here.
 */
async function refreshAll(reloadSelected: boolean): Promise<void> {
  const before = useWorkspaces.getState().selectedId;
  await Promise.all([useApp.getState().load(), useWorkspaces.getState().load(), useVault.getState().load(), useUnread.getState().load()]);
  await recoverUnsavedDrafts();
  const selected = useWorkspaces.getState().selectedId;
  if (reloadSelected && selected && selected === before) await loadWorkspace(selected);
}

let started = false;

/** Wires the core's events and the connection's ups and downs to the stores. Once. */
export function startSync(): void {
  if (started) return;
  started = true;
  const client = getClient();
  useConnection.setState({ host: client.host, state: client.connectionState() });

  client.onConnectionState((state) => {
    const { wasOffline } = useConnection.getState();
    useConnection.setState({ state, wasOffline: wasOffline || state === 'offline' });
    if (state === 'online' && wasOffline) {
      // Events sent while we were away are lost: read everything again.
      retryComposerIfFailed();
      void refreshAll(true);
    }
  });

  reportNetworkChanges(window, (online) => {
    useConnection.setState({ networkOnline: online });
    void client.invoke('app.networkChanged', { online });
  });

  client.on('workspaces.changed', () => void useWorkspaces.getState().load());
  // The calendar reads its pages again when anything it shows changes.
  client.on('calendar.changed', ({ workspaceId }) => {
    useCalendar.getState().invalidate(workspaceId);
    if (useCampaigns.getState().campaigns[workspaceId]) void useCampaigns.getState().load(workspaceId);
    void usePlanning.getState().reload();
  });
  // An automatic CalDAV sync left conflicts: the same three-way view as "Sync now", one click away.
  client.on('caldav.synced', ({ workspaceId, state, conflicts }) => {
    if (state !== 'conflicts' || conflicts === 0) return;
    const name = useWorkspaces.getState().workspaces.find((w) => w.id === workspaceId)?.name ?? '';
    useToasts.getState().show({
      message: t('calendar.caldav.autoConflicts', { count: conflicts, workspace: name }),
      durationMs: 15_000,
      action: { label: t('calendar.caldav.showConflicts'), run: () => useUi.getState().openDialog({ kind: 'caldav', workspaceId }) },
    });
  });
  client.on('drafts.changed', ({ workspaceId }) => {
    useCalendar.getState().invalidate(workspaceId);
    if (useDrafts.getState().byWorkspace[workspaceId] || useWorkspaces.getState().selectedId === workspaceId) {
      void useDrafts.getState().load(workspaceId);
    }
  });
  client.on('accounts.changed', ({ workspaceId }) => void useAccounts.getState().load(workspaceId));
  client.on('posts.changed', ({ workspaceId }) => {
    useCalendar.getState().invalidate(workspaceId);
    if (usePosts.getState().lists[workspaceId] || useWorkspaces.getState().selectedId === workspaceId) void usePosts.getState().loadAll(workspaceId);
  });
  client.on('posts.missed', ({ workspaceId, published, skipped, awaitingDecision }) => {
    // What was decided by the workspace's rule is said in a toast; what waits for the person opens a dialog.
    if (published.length > 0 || skipped.length > 0) {
      const name = useWorkspaces.getState().workspaces.find((w) => w.id === workspaceId)?.name ?? '';
      const parts = [
        published.length > 0 ? t('missed.publishedCount', { count: published.length }) : null,
        skipped.length > 0 ? t('missed.skippedCount', { count: skipped.length }) : null,
      ].filter(Boolean);
      useToasts.getState().show({ message: t('missed.toast', { workspace: name, what: parts.join(' ; ') }), durationMs: 10_000 });
    }
    useMissed.getState().add({ workspaceId, targetIds: awaitingDecision });
    void usePosts.getState().loadAll(workspaceId);
  });
  client.on('vault.changed', (status) => useVault.getState().set(status));
  client.on('board.changed', ({ workspaceId }) => {
    void useBoards.getState().load(workspaceId);
    void useUnread.getState().load();
  });
  client.on('items.changed', ({ itemIds }) => useStreams.getState().itemsChanged(itemIds));
  client.on('column.changed', ({ columnId, workspaceId, unread, status }) => void columnChanged(columnId, workspaceId, unread, status));
  // A notification click moves these stores (the browser's, or the desktop shell's `board.focus`).
  setNoticePorts({
    selectedWorkspaceId: () => useWorkspaces.getState().selectedId,
    // AppEffects reads the newly selected workspace's data.
    selectWorkspace: (workspaceId) => useWorkspaces.getState().select(workspaceId),
    selectBoard: (workspaceId, boardId) => useBoards.getState().select(workspaceId, boardId),
    focusEntry: (columnId, key) => useStreams.getState().requestFocus({ columnId, key }),
  });
  client.on('column.notify', (notice) => showNotice(notice));
  client.on('board.focus', (target) => openNotice(target));

  // Whatever the person typed is sent right away when the page goes away.
  const flush = () => useComposer.getState().flush();
  window.addEventListener('pagehide', () => void flush());
  window.addEventListener('beforeunload', () => void flush());

  if (client.connectionState() === 'no_token') return;
  void refreshAll(false);
}

async function loadWorkspace(workspaceId: string): Promise<void> {
  useCalendar.getState().invalidate(workspaceId);
  await Promise.all([
    useDrafts.getState().load(workspaceId),
    useAccounts.getState().load(workspaceId),
    usePosts.getState().loadAll(workspaceId),
    usePublishing.getState().load(workspaceId),
    useBoards.getState().load(workspaceId),
  ]);
}

/** Loads what a newly selected workspace shows. */
export function loadWorkspaceData(workspaceId: string): void {
  void loadWorkspace(workspaceId);
}

/** A column has news: its header first, then its cards (if shown). */
async function columnChanged(columnId: string, workspaceId: string, unread: number, status: EventPayload<'column.changed'>['status']): Promise<void> {
  useBoards.getState().patchColumn(columnId, { status, unread });
  useUnread.getState().setColumn(columnId, workspaceId, unread);
  if (useStreams.getState().feeds[columnId]) await useStreams.getState().load(columnId);
}
