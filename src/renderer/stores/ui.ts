import type { ColumnQuery, ColumnType } from '../../shared/board/schemas';
import { create } from 'zustand';
import type { ModerationRequest } from '../model/moderation/choices';

export type DialogState =
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'createWorkspace' }
  | { kind: 'renameWorkspace'; workspaceId: string }
  | { kind: 'deleteWorkspace'; workspaceId: string }
  | { kind: 'vaultSetup' }
  | { kind: 'vaultUnlock' }
  /** Connect an account; `reconnect` fills the form for an account whose session ended. */
  | { kind: 'addAccount'; workspaceId: string; reconnectAccountId?: string }
  | { kind: 'slots'; accountId: string }
  | { kind: 'removeAccount'; accountId: string }
  | { kind: 'publishingSettings'; workspaceId: string }
  /** "Programmer…" from the composer, "Reprogrammer…" for a post already scheduled (starting from its time). */
  | { kind: 'schedule'; draftId: string; workspaceId: string; scheduledAt?: string | null; reschedule?: boolean }
  /** The editorial calendar's dialogs. */
  | { kind: 'campaigns'; workspaceId: string }
  | { kind: 'calendarImport'; workspaceId: string }
  | { kind: 'calendarExport'; workspaceId: string }
  | { kind: 'caldav'; workspaceId: string }
  /** The board's dialogs: add a column (the picker, maybe prefilled from a panel), name a board, remove one. */
  | { kind: 'addColumn'; workspaceId: string; boardId: string; preset?: { type: ColumnType; accountId: string; query: ColumnQuery } }
  | { kind: 'boardName'; workspaceId: string; boardId?: string }
  | { kind: 'deleteBoard'; workspaceId: string; boardId: string }
  /** "Delete from the network" on one account's line of a sent post (confirmation first). */
  | { kind: 'deleteRemote'; draftId: string; targetId: string }
  /** Block, remove a follower (confirmation) or report (reason, server rules, comment) from a card or an inbox item. */
  | { kind: 'moderation'; request: ModerationRequest };

/** The app's places: what the main area shows. */
export type Place = 'board' | 'calendar' | 'inbox';

interface UiStore {
  place: Place;
  dialog: DialogState | null;
  /** A draft card that should take the keyboard focus once it is rendered. */
  focusDraftId: string | null;
  /** Bumped to ask the board to put focus back on its current card. */
  focusBoardRequest: number;
  /** A scheduled or sent post's card that should take the focus once rendered (after scheduling). */
  focusPostId: string | null;
  vaultBannerDismissed: boolean;
  /** The composer opens its saved replies' picker once it shows (the charter's "answer with a saved reply"). */
  savedReplyAsked: boolean;
  askSavedReply(asked: boolean): void;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  focusDraft(id: string | null): void;
  focusBoard(): void;
  /** Focus that post's card; the board's current card when it is not on the board after a moment. */
  focusPost(id: string | null): void;
  dismissVaultBanner(): void;
  goTo(place: Place): void;
}

const POST_FOCUS_WAIT_MS = 1000;

export const useUi = create<UiStore>((set, get) => ({
  place: 'board',
  dialog: null,
  focusDraftId: null,
  focusBoardRequest: 0,
  focusPostId: null,
  vaultBannerDismissed: false,
  savedReplyAsked: false,
  askSavedReply: (asked) => set({ savedReplyAsked: asked }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  focusDraft: (id) => set({ focusDraftId: id }),
  focusBoard: () => set((s) => ({ focusBoardRequest: s.focusBoardRequest + 1 })),
  focusPost: (id) => {
    set({ focusPostId: id });
    if (!id) return;
    // Its column takes it (PostsColumn); if no column shows it, the board keeps the focus, never the page.
    setTimeout(() => {
      if (get().focusPostId !== id) return;
      set((s) => ({ focusPostId: null, focusBoardRequest: s.focusBoardRequest + 1 }));
    }, POST_FOCUS_WAIT_MS);
  },
  dismissVaultBanner: () => set({ vaultBannerDismissed: true }),
  goTo: (place) => set({ place }),
}));
