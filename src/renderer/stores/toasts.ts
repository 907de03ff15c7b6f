import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run(): void;
  /** Ctrl/Cmd+Z triggers this action while the toast is shown. */
  isUndo?: boolean;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
  durationMs: number;
  /** Epoch ms something happens at (a post goes out): the toast counts down to it, then closes. */
  countdownTo?: number;
}

interface ToastStore {
  toasts: Toast[];
  show(toast: Omit<Toast, 'id' | 'durationMs' | 'tone'> & Partial<Pick<Toast, 'durationMs' | 'tone'>>): number;
  dismiss(id: number): void;
  /** Runs the undo action of the newest toast that has one; false if none is shown. */
  undoLatest(): boolean;
}

let nextId = 1;

export const useToasts = create<ToastStore>((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    const full: Toast = { tone: 'info', durationMs: toast.action ? 8000 : 5000, ...toast, id };
    // Keep the three newest: a burst of deletions must not cover the board.
    set((s) => ({ toasts: [...s.toasts, full].slice(-3) }));
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  undoLatest() {
    const toast = [...get().toasts].reverse().find((t) => t.action?.isUndo);
    if (!toast?.action) return false;
    get().dismiss(toast.id);
    toast.action.run();
    return true;
  },
}));
