import { useEffect } from 'react';
import { hasPrimaryModifier, isInsideOverlay, isTextEntryTarget } from '../../lib/keys';
import { useComposer } from '../../stores/composer';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';

/**
 * App-wide keys: n (new draft), b / c (board / calendar), ? (shortcuts), Escape (close the composer after
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
      } else if (event.key === 'b' || event.key === 'B' || event.key === 'c' || event.key === 'C') {
        event.preventDefault();
        useUi.getState().goTo(event.key.toLowerCase() === 'c' ? 'calendar' : 'board');
      } else if (event.key === '?') {
        event.preventDefault();
        useUi.getState().openDialog({ kind: 'shortcuts' });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
