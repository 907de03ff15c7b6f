import { create } from 'zustand';
import type { Draft } from '../../shared/domain';
import { getClient } from '../client';
import { createAutosaver, type Autosaver, type AutosaveState } from '../features/composer/autosave';
import { createDraftBackup } from '../features/drafts/draftBackup';
import { useDrafts } from './drafts';
import { useUi } from './ui';

const sessionStore = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** Unacknowledged text, kept in sessionStorage until the core has it. */
export const draftBackup = createDraftBackup(sessionStore());

interface ComposerStore {
  open: boolean;
  /** Null until the first character is typed: only then does the draft exist. */
  draftId: string | null;
  workspaceId: string | null;
  text: string;
  /** The draft was created in this session (an emptied one is removed on close). */
  createdHere: boolean;
  save: AutosaveState;
  /** Bumped when the text area should take the focus. */
  focusRequest: number;
  openNew(workspaceId: string): Promise<boolean>;
  openDraft(draft: Draft): Promise<boolean>;
  setText(text: string): void;
  flush(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Saves what is left, then closes; stays open (error shown) if the save fails. */
  close(restoreFocus?: boolean): Promise<boolean>;
  /** The open draft is being deleted: save what is left and close without more saves. */
  detach(draftId: string): Promise<boolean>;
}

let saver: Autosaver | null = null;

const idleSave: AutosaveState = { status: 'idle', error: null };

export const useComposer = create<ComposerStore>((set, get) => {
  const startSaver = (draftId: string, workspaceId: string, savedText: string | null) => {
    saver?.dispose();
    const mine = createAutosaver({
      savedText,
      onState: (state) => {
        if (saver === mine) set({ save: state });
      },
      save: async (text) => {
        const result = await getClient().invoke('draft.save', { id: draftId, workspaceId, text });
        if (result.ok) {
          draftBackup.acknowledge(draftId, text);
          useDrafts.getState().upsert(result.value);
        }
        return result;
      },
    });
    saver = mine;
    set({ save: mine.state() });
    return mine;
  };

  const reset = () => {
    saver?.dispose();
    saver = null;
    set({ open: false, draftId: null, workspaceId: null, text: '', createdHere: false, save: idleSave });
  };

  /** Saves the current session before another one replaces it. */
  const settleCurrent = async (): Promise<boolean> => {
    if (!get().open) return true;
    return get().close(false);
  };

  return {
    open: false,
    draftId: null,
    workspaceId: null,
    text: '',
    createdHere: false,
    save: idleSave,
    focusRequest: 0,

    async openNew(workspaceId) {
      if (!(await settleCurrent())) return false;
      set((s) => ({ open: true, draftId: null, workspaceId, text: '', createdHere: false, save: idleSave, focusRequest: s.focusRequest + 1 }));
      return true;
    },

    async openDraft(draft) {
      if (get().open && get().draftId === draft.id) {
        set((s) => ({ focusRequest: s.focusRequest + 1 }));
        return true;
      }
      if (!(await settleCurrent())) return false;
      // Text typed earlier that never reached the core wins over the stored one.
      const backup = draftBackup.get(draft.id);
      const text = backup && backup.text !== draft.text ? backup.text : draft.text;
      set((s) => ({ open: true, draftId: draft.id, workspaceId: draft.workspaceId, text, createdHere: false, focusRequest: s.focusRequest + 1 }));
      const mine = startSaver(draft.id, draft.workspaceId, draft.text);
      if (text !== draft.text) mine.update(text);
      return true;
    },

    setText(text) {
      const { workspaceId } = get();
      if (!workspaceId) return;
      set({ text });
      let { draftId } = get();
      if (!draftId) {
        if (text === '') return;
        // The id is chosen now, once: every retry of this draft's saves is an upsert.
        draftId = crypto.randomUUID();
        set({ draftId, createdHere: true });
        startSaver(draftId, workspaceId, null);
      }
      draftBackup.keep({ id: draftId, workspaceId, text });
      saver?.update(text);
    },

    flush: async () => (saver ? saver.flush() : true),
    retry: async () => (saver ? saver.retry() : true),

    async close(restoreFocus = true) {
      if (!get().open) return true;
      const closing = saver;
      if (closing && !(await closing.flush())) return false;
      if (saver !== closing) return true; // Another session took over meanwhile.
      const { draftId, workspaceId, text, createdHere } = get();
      if (draftId && workspaceId && createdHere && text.trim() === '') {
        // Typed then erased everything: nothing worth keeping as a draft.
        const removed = await getClient().invoke('draft.delete', { id: draftId });
        if (removed.ok) useDrafts.getState().removeLocal(workspaceId, draftId);
      }
      reset();
      if (!restoreFocus) return true;
      if (draftId && !(createdHere && text.trim() === '')) useUi.getState().focusDraft(draftId);
      else useUi.getState().focusBoard();
      return true;
    },

    async detach(draftId) {
      if (!get().open || get().draftId !== draftId) return true;
      if (saver && !(await saver.flush())) return false;
      reset();
      return true;
    },
  };
});

/** After a reconnection: retry a save that failed while the core was unreachable. */
export function retryComposerIfFailed(): void {
  if (saver && saver.state().status === 'error') void saver.retry();
}
