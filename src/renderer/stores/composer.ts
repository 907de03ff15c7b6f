import { create } from 'zustand';
import type { BoardItem } from '../../shared/board/schemas';
import type { Draft } from '../../shared/domain';
import { EMPTY_DRAFT_CONTENT, type DraftContent, type PostView, type TargetProblem } from '../../shared/publishing';
import { getClient, type ClientError } from '../client';
import { createAutosaver, type Autosaver, type AutosaveState } from '../model/autosave';
import { savableContent } from '../model/content';
import { createDraftBackup } from '../model/draftBackup';
import { directReplyText } from '../model/board/directReply';
import { useAccounts } from './accounts';
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

/**
 * loading: draft.content has not answered yet; error: it failed (the text can still be written
 * and saved, the targets cannot be changed until it is read); ready: content can be edited.
 */
export type ContentStatus = 'ready' | 'loading' | 'error';

interface ComposerStore {
  open: boolean;
  /** Null until the first character is typed: only then does the draft exist. */
  draftId: string | null;
  workspaceId: string | null;
  text: string;
  /** Targets, adapted versions, images, thread parts… saved with the text. */
  content: DraftContent;
  contentStatus: ContentStatus;
  contentError: ClientError | null;
  /** The draft's post once it was scheduled or sent (draft.content); null for a plain draft. */
  post: PostView | null;
  /** The tab shown: the main version (null) or an adapted target's (its account id). */
  scope: string | null;
  /** The core's reasons (post.validate) for what was last saved; null while edits are unsaved. */
  problems: TargetProblem[] | null;
  /** The draft was created in this session (an emptied one is removed on close). */
  createdHere: boolean;
  save: AutosaveState;
  /** Bumped when the text area should take the focus. */
  focusRequest: number;
  /** A reply or quote started from a board card: the post shown above the text. */
  context: { mode: 'reply' | 'quote'; item: BoardItem } | null;
  openNew(workspaceId: string): Promise<boolean>;
  /** A reply or quote from the board, as that account (chosen as the only target). */
  openReply(workspaceId: string, accountId: string, mode: 'reply' | 'quote', item: BoardItem): Promise<boolean>;
  /** `post`: the draft is a planned post (opened from its card); it then never shows in the Drafts column. */
  openDraft(draft: Draft, post?: PostView | null): Promise<boolean>;
  setText(text: string): void;
  /** Changes the content (and the main text with it, for thread mode); saved like the text. */
  edit(change: (state: { text: string; content: DraftContent }) => { text?: string; content: DraftContent }): void;
  setScope(scope: string | null): void;
  reloadContent(): Promise<void>;
  setPost(post: PostView | null): void;
  flush(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Saves what is left, then closes; stays open (error shown) if the save fails. */
  close(restoreFocus?: boolean): Promise<boolean>;
  /** The open draft is being deleted: save what is left and close without more saves. */
  detach(draftId: string): Promise<boolean>;
}

let saver: Autosaver | null = null;
let validateTimer: ReturnType<typeof setTimeout> | null = null;

const idleSave: AutosaveState = { status: 'idle', error: null };

type Session = Pick<
  ComposerStore,
  'open' | 'draftId' | 'workspaceId' | 'text' | 'content' | 'contentStatus' | 'contentError' | 'post' | 'scope' | 'problems' | 'createdHere' | 'save' | 'context'
>;

/** The state of one composing session; closed by default, opened with what differs. */
const session = (changes: Partial<Session> = {}): Session => ({
  open: false,
  draftId: null,
  workspaceId: null,
  text: '',
  content: EMPTY_DRAFT_CONTENT,
  contentStatus: 'ready',
  contentError: null,
  post: null,
  scope: null,
  problems: null,
  createdHere: false,
  save: idleSave,
  context: null,
  ...changes,
});
export const VALIDATE_DELAY_MS = 500;

/** What one save sends: the text, and the content once it is known (never a guess over the stored one). */
export const snapshotOf = (text: string, content: DraftContent | null): string =>
  JSON.stringify(content ? { text, content: savableContent(content) } : { text });
const readSnapshot = (snapshot: string): { text: string; content?: DraftContent } => JSON.parse(snapshot) as { text: string; content?: DraftContent };

/** Nothing worth keeping: no text anywhere and no image. */
export function isBlankDraft(text: string, content: DraftContent): boolean {
  const blank = (s: string) => s.trim() === '';
  return (
    blank(text) &&
    content.media.length === 0 &&
    (content.threadParts ?? []).every(blank) &&
    content.targets.every((t) => !t.variant || t.variant.parts.every((p) => blank(p.text) && p.media.length === 0))
  );
}

export const useComposer = create<ComposerStore>((set, get) => {
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

  const reset = () => {
    saver?.dispose();
    saver = null;
    if (validateTimer) clearTimeout(validateTimer);
    validateTimer = null;
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
    saver?.update(currentSnapshot());
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
      set((s) => ({ ...session({ open: true, workspaceId }), focusRequest: s.focusRequest + 1 }));
      return true;
    },

    async openReply(workspaceId, accountId, mode, item) {
      if (!(await settleCurrent())) return false;
      const ref = { itemId: item.id, network: item.network, uri: item.uri };
      // A private (direct) post is answered privately, naming its participants (Mastodon delivers it to them only).
      const direct = mode === 'reply' && item.direct === true;
      const own = direct ? (useAccounts.getState().byWorkspace[workspaceId]?.find((a) => a.id === accountId)?.handle ?? '') : '';
      const content: DraftContent = {
        ...EMPTY_DRAFT_CONTENT,
        targets: [{ accountId, variant: null }],
        ...(mode === 'reply' ? { replyTo: ref } : { quote: ref }),
        ...(direct ? { visibility: 'direct' as const } : {}),
      };
      const text = direct ? directReplyText(item, own) : '';
      set((s) => ({ ...session({ open: true, workspaceId, content, text, context: { mode, item } }), focusRequest: s.focusRequest + 1 }));
      changed();
      return true;
    },

    async openDraft(draft, post = null) {
      if (get().open && get().draftId === draft.id) {
        set((s) => ({ focusRequest: s.focusRequest + 1 }));
        return true;
      }
      if (!(await settleCurrent())) return false;
      // Text typed earlier that never reached the core wins over the stored one.
      const backup = draftBackup.get(draft.id);
      const text = backup && backup.text !== draft.text ? backup.text : draft.text;
      set((s) => ({
        ...session({ open: true, draftId: draft.id, workspaceId: draft.workspaceId, text, contentStatus: 'loading', post }),
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

    flush: async () => (saver ? saver.flush() : true),
    retry: async () => (saver ? saver.retry() : true),

    async close(restoreFocus = true) {
      if (!get().open) return true;
      const closing = saver;
      if (closing && !(await closing.flush())) return false;
      if (saver !== closing) return true; // Another session took over meanwhile.
      const { draftId, workspaceId, text, content, createdHere, post } = get();
      const blank = createdHere && !post && isBlankDraft(text, content);
      if (draftId && workspaceId && blank) {
        // Typed then erased everything: nothing worth keeping as a draft.
        const removed = await getClient().invoke('draft.delete', { id: draftId });
        if (removed.ok) useDrafts.getState().removeLocal(workspaceId, draftId);
      }
      reset();
      if (!restoreFocus) return true;
      if (draftId && !blank) useUi.getState().focusDraft(draftId);
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
