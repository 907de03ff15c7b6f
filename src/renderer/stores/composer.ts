/**
 * The composer's store: opening a new draft, a reply or a stored draft (the previous one saved
 * first), edits, and closing. Its state is described in composerSession.ts; its saves and the
 * core's checks in composerSaving.ts.
 */
import { create } from 'zustand';
import { EMPTY_DRAFT_CONTENT, replyLanguage, type DraftContent } from '../../shared/publishing';
import { getClient } from '../client';
import { newPostTargets } from '../model/content';
import { savableContent } from '../model/pollContent';
import { isBlankDraft, snapshotOf } from '../model/draftSnapshot';
import { directReplyText } from '../model/board/directReply';
import { useAccounts } from './accounts';
import { composerSaving } from './composerSaving';
import { draftBackup, session, type ComposerStore } from './composerSession';
import { useDrafts } from './drafts';
import { useUi } from './ui';

/**
 * What had the keyboard on the board when a reply or a quote was opened (the card, or its reply
 * button): putting the composer away gives it back, so the person goes on from where they were.
 */
let opener: HTMLElement | null = null;
const boardOpener = (): HTMLElement | null => {
  if (typeof document === 'undefined') return null;
  const active = document.activeElement;
  return active instanceof HTMLElement && active.closest('main.board') ? active : null;
};

export const useComposer = create<ComposerStore>((set, get) => {
  const { currentSnapshot, validateSoon, startSaver, stop, current } = composerSaving(set, get);

  const reset = () => {
    stop();
    set(session());
  };

  /** Saves the current session before another one replaces it. */
  const settleCurrent = async (): Promise<boolean> => {
    if (!get().open) return true;
    return get().close(false);
  };

  /** Remembers and schedules the save of what is on screen; creates the draft on the first change. */
  const changed = () => {
    const { workspaceId, text, content, contentStatus } = get();
    if (!workspaceId) return;
    let { draftId } = get();
    if (!draftId) {
      if (text === '' && isBlankDraft(text, content) && content.targets.length === 0) return;
      // The id is chosen now, once: every retry of this draft's saves is an upsert.
      draftId = crypto.randomUUID();
      set({ draftId, createdHere: true });
      startSaver(draftId, workspaceId, null);
    }
    set({ problems: null });
    draftBackup.keep(contentStatus === 'ready' ? { id: draftId, workspaceId, text, content: savableContent(content) } : { id: draftId, workspaceId, text });
    current()?.update(currentSnapshot());
  };

  const loadContent = async (draftId: string, preferred?: DraftContent) => {
    set({ contentStatus: 'loading', contentError: null });
    const result = await getClient().invoke('draft.content', { id: draftId });
    if (!get().open || get().draftId !== draftId) return;
    if (!result.ok) {
      set({ contentStatus: 'error', contentError: result.error });
      return;
    }
    const stored = result.value.content;
    const content = preferred ?? stored;
    const post = result.value.post.state === 'draft' ? null : result.value.post;
    set({ content, contentStatus: 'ready', contentError: null, post });
    const snapshot = currentSnapshot();
    const workspaceId = get().workspaceId;
    const saver = current();
    if (saver && saver.isSaved() && content === stored && workspaceId) {
      // What is on disk now includes the content: later saves carry it.
      startSaver(draftId, workspaceId, snapshot);
    } else {
      saver?.update(snapshot);
    }
    if (content.targets.length > 0) validateSoon(draftId);
  };

  return {
    ...session(),
    focusRequest: 0,

    async openNew(workspaceId) {
      if (!(await settleCurrent())) return false;
      opener = null;
      // A workspace with one account: the post goes there unless the person takes it out. Nothing
      // is saved until something is written (an untouched composer leaves no draft).
      const content: DraftContent = { ...EMPTY_DRAFT_CONTENT, targets: newPostTargets(useAccounts.getState().byWorkspace[workspaceId] ?? []) };
      set((s) => ({ ...session({ open: true, workspaceId, content }), focusRequest: s.focusRequest + 1 }));
      return true;
    },

    async openReply(workspaceId, accountId, mode, item) {
      const from = boardOpener();
      if (!(await settleCurrent())) return false;
      opener = from;
      const ref = { itemId: item.id, network: item.network, uri: item.uri };
      // A private (direct) post is answered privately, naming its participants (Mastodon delivers it to them only).
      const direct = mode === 'reply' && item.direct === true;
      const own = direct ? (useAccounts.getState().byWorkspace[workspaceId]?.find((a) => a.id === accountId)?.handle ?? '') : '';
      const content: DraftContent = {
        ...EMPTY_DRAFT_CONTENT,
        targets: [{ accountId, variant: null }],
        // A reply is written in the language of the post it answers (a French post gets a French reply).
        language: replyLanguage(item.language),
        ...(mode === 'reply' ? { replyTo: ref } : { quote: ref }),
        ...(direct ? { visibility: 'direct' as const } : {}),
      };
      const text = direct ? directReplyText(item, own) : '';
      set((s) => ({ ...session({ open: true, workspaceId, content, text, context: { mode, item } }), focusRequest: s.focusRequest + 1 }));
      changed();
      return true;
    },

    async openDraft(draft, post = null, context = null) {
      if (get().open && get().draftId === draft.id) {
        set((s) => ({ focusRequest: s.focusRequest + 1 }));
        return true;
      }
      if (!(await settleCurrent())) return false;
      opener = null;
      // Text typed earlier that never reached the core wins over the stored one.
      const backup = draftBackup.get(draft.id);
      const text = backup && backup.text !== draft.text ? backup.text : draft.text;
      set((s) => ({
        ...session({ open: true, draftId: draft.id, workspaceId: draft.workspaceId, text, contentStatus: 'loading', post, context }),
        focusRequest: s.focusRequest + 1,
      }));
      const mine = startSaver(draft.id, draft.workspaceId, snapshotOf(draft.text, null));
      if (text !== draft.text) mine.update(snapshotOf(text, null));
      void loadContent(draft.id, backup?.content);
      return true;
    },

    setText(text) {
      if (!get().workspaceId) return;
      set({ text });
      changed();
    },

    edit(change) {
      const { workspaceId, contentStatus, text, content } = get();
      if (!workspaceId || contentStatus !== 'ready') return;
      const next = change({ text, content });
      set({ content: next.content, ...(next.text !== undefined ? { text: next.text } : {}) });
      // A tab whose target was taken out or set back to the main version goes away.
      const scope = get().scope;
      if (scope && !next.content.targets.some((t) => t.accountId === scope && t.variant)) set({ scope: null });
      changed();
    },

    setScope: (scope) => set({ scope }),

    async reloadContent() {
      const { draftId } = get();
      if (draftId) await loadContent(draftId);
    },

    setPost: (post) => set({ post }),

    flush: async () => current()?.flush() ?? true,
    retry: async () => current()?.retry() ?? true,

    async close(restoreFocus = true) {
      if (!get().open) return true;
      const closing = current();
      if (closing && !(await closing.flush())) return false;
      if (current() !== closing) return true; // Another session took over meanwhile.
      const { draftId, workspaceId, text, content, createdHere, post } = get();
      const blank = createdHere && !post && isBlankDraft(text, content);
      if (draftId && workspaceId && blank) {
        // Typed then erased everything: nothing worth keeping as a draft.
        const removed = await getClient().invoke('draft.delete', { id: draftId });
        if (removed.ok) useDrafts.getState().removeLocal(workspaceId, draftId);
      }
      reset();
      const back = opener;
      opener = null;
      if (!restoreFocus) return true;
      // The inbox takes the keyboard back on its item (it shows no draft card); a reply opened
      // from a card of the board gives it back to that card.
      if (useUi.getState().place === 'inbox') useUi.getState().focusBoard();
      else if (back?.isConnected && useUi.getState().place === 'board') back.focus();
      else if (draftId && !blank) useUi.getState().focusDraft(draftId);
      else useUi.getState().focusBoard();
      return true;
    },

    async detach(draftId) {
      if (!get().open || get().draftId !== draftId) return true;
      const saver = current();
      if (saver && !(await saver.flush())) return false;
      reset();
      opener = null;
      return true;
    },
  };
});
