import { useEffect } from 'react';
import { hasPrimaryModifier, isInsideOverlay, isTextEntryTarget } from '../../lib/keys';
import { useAccounts } from '../../stores/accounts';
import { selectedBoard, useBoards } from '../../stores/boards';
import { useComposer } from '../../stores/composer';
import { usePanel } from '../../stores/panel';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';

/**
 * App-wide keys: n (new draft), b / c / i (board / calendar / inbox), ? (shortcuts), Escape (close the composer after
 * saving), Ctrl/Cmd+Z (undo the last deletion while its toast is shown). Keys typed
 * into a text field stay there; modal dialogs keep their own keys.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (useUi.getState().dialog) return;
      const composer = useComposer.getState();
      if (event.key === 'Escape') {
        if (composer.open) {
          event.preventDefault();
          void composer.close();
        } else if (usePanel.getState().target) {
          event.preventDefault();
          usePanel.getState().close();
        }
        return;
      }
      const inText = isTextEntryTarget(event.target);
      if (hasPrimaryModifier(event) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') {
        if (!inText && useToasts.getState().undoLatest()) event.preventDefault();
        return;
      }
      if (inText || isInsideOverlay(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'n' || event.key === 'N') {
        const workspaceId = useWorkspaces.getState().selectedId;
        if (!workspaceId) return;
        event.preventDefault(); // The letter must not land in the composer it opens.
        void composer.openNew(workspaceId);
      } else if (event.key === 'b' || event.key === 'B' || event.key === 'c' || event.key === 'C' || event.key === 'i' || event.key === 'I') {
        event.preventDefault();
        const key = event.key.toLowerCase();
        const place = key === 'c' ? 'calendar' : key === 'i' ? 'inbox' : 'board';
        // "c" on the calendar (focus on its toolbar, say) puts the keyboard back on its cursor's day.
        if (place === 'calendar' && useUi.getState().place === 'calendar') useUi.getState().focusBoard();
        else useUi.getState().goTo(place);
      } else if (event.key === '/') {
        // A monitoring column: the picker opens on Search with the workspace's first account.
        const workspaceId = useWorkspaces.getState().selectedId;
        if (!workspaceId) return;
        const { byWorkspace, selected } = useBoards.getState();
        const board = selectedBoard(byWorkspace[workspaceId], selected[workspaceId]);
        const account = useAccounts.getState().byWorkspace[workspaceId]?.[0];
        if (!board) return;
        event.preventDefault();
        useUi.getState().goTo('board');
        useUi.getState().openDialog({ kind: 'addColumn', workspaceId, boardId: board.id, preset: account ? { type: 'search', accountId: account.id, query: {} } : undefined });
      } else if (event.key === '?') {
        event.preventDefault();
        useUi.getState().openDialog({ kind: 'shortcuts' });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
