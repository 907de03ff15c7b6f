/**
 * How the composer saves: one autosaver for the open draft (its saves in order, retried), the
 * draft's backup forgotten once the core has the text, and the core's checks (post.validate)
 * asked again a moment after a save.
 */
import type { StoreApi } from 'zustand';
import { getClient } from '../client';
import { createAutosaver, type Autosaver } from '../model/autosave';
import { readSnapshot, snapshotOf } from '../model/draftSnapshot';
import { draftBackup, type ComposerStore } from './composerSession';
import { useDrafts } from './drafts';

export const VALIDATE_DELAY_MS = 500;

let saver: Autosaver | null = null;
let validateTimer: ReturnType<typeof setTimeout> | null = null;

/** The saving of the composer's store (`set` and `get` are its own). */
export function composerSaving(set: StoreApi<ComposerStore>['setState'], get: StoreApi<ComposerStore>['getState']) {
  const currentSnapshot = () => {
    const { text, content, contentStatus } = get();
    return snapshotOf(text, contentStatus === 'ready' ? content : null);
  };

  const validateSoon = (draftId: string) => {
    if (validateTimer) clearTimeout(validateTimer);
    validateTimer = setTimeout(() => {
      validateTimer = null;
      const asked = currentSnapshot();
      void getClient()
        .invoke('post.validate', { draftId })
        .then((result) => {
          // Only an answer about what is on screen (and saved) is worth showing.
          if (!result.ok || get().draftId !== draftId || currentSnapshot() !== asked) return;
          set({ problems: result.value });
        });
    }, VALIDATE_DELAY_MS);
  };

  const startSaver = (draftId: string, workspaceId: string, savedSnapshot: string | null) => {
    saver?.dispose();
    const mine = createAutosaver({
      savedText: savedSnapshot,
      onState: (state) => {
        if (saver === mine) set({ save: state });
      },
      save: async (snapshot) => {
        const { text, content } = readSnapshot(snapshot);
        const result = await getClient().invoke('draft.save', content ? { id: draftId, workspaceId, text, content } : { id: draftId, workspaceId, text });
        if (result.ok) {
          draftBackup.acknowledge(draftId, text, content);
          // A planned post being edited keeps its one card in its column (posts.changed refreshes it).
          if (!get().post) useDrafts.getState().upsert(result.value);
          if (saver === mine && content && content.targets.length > 0) validateSoon(draftId);
        }
        return result;
      },
    });
    saver = mine;
    set({ save: mine.state() });
    return mine;
  };

  /** The session ends: no more saves or checks. */
  const stop = () => {
    saver?.dispose();
    saver = null;
    if (validateTimer) clearTimeout(validateTimer);
    validateTimer = null;
  };

  return { currentSnapshot, validateSoon, startSaver, stop, current: () => saver };
}

/** After a reconnection: retry a save that failed while the core was unreachable. */
export function retryComposerIfFailed(): void {
  if (saver && saver.state().status === 'error') void saver.retry();
}
