import { create } from 'zustand';

export type DialogState =
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'createWorkspace' }
  | { kind: 'renameWorkspace'; workspaceId: string }
  | { kind: 'deleteWorkspace'; workspaceId: string }
  | { kind: 'vaultSetup' }
  | { kind: 'vaultUnlock' };

interface UiStore {
  dialog: DialogState | null;
  /** A draft card that should take the keyboard focus once it is rendered. */
  focusDraftId: string | null;
  /** Bumped to ask the board to put focus back on its current card. */
  focusBoardRequest: number;
  vaultBannerDismissed: boolean;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  focusDraft(id: string | null): void;
  focusBoard(): void;
  dismissVaultBanner(): void;
}

export const useUi = create<UiStore>((set) => ({
  dialog: null,
  focusDraftId: null,
  focusBoardRequest: 0,
  vaultBannerDismissed: false,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  focusDraft: (id) => set({ focusDraftId: id }),
  focusBoard: () => set((s) => ({ focusBoardRequest: s.focusBoardRequest + 1 })),
  dismissVaultBanner: () => set({ vaultBannerDismissed: true }),
}));
