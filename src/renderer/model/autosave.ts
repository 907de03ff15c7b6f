import type { ClientError, ClientResult } from '../client/types';
import { realTimers, type Timers } from '../lib/timers';

/**
 * idle: nothing to save yet; pending: typed, waiting for the pause; saving: a save is
 * on its way; saved: what is on screen is on disk; error: the last save failed (the
 * text is still here, retry() or typing again tries anew).
 */
export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveState {
  status: AutosaveStatus;
  error: ClientError | null;
}

export interface AutosaveOptions {
  /** Persists one snapshot of the text; resolves once the core acknowledged it. */
  save(text: string): Promise<ClientResult<unknown>>;
  delayMs?: number;
  timers?: Timers;
  onState?(state: AutosaveState): void;
  /** Text already on disk (a reopened draft); null when nothing was saved yet. */
  savedText?: string | null;
}

export interface Autosaver {
  /** The person typed: remember the text and save it after a pause. */
  update(text: string): void;
  /** Save now whatever is not saved yet; true once the latest text is on disk. */
  flush(): Promise<boolean>;
  /** Same as flush, named for the error's "Retry" button. */
  retry(): Promise<boolean>;
  state(): AutosaveState;
  text(): string;
  /** True when the latest text is acknowledged. */
  isSaved(): boolean;
  /** Stops saving (the draft was closed after a successful flush, or deleted). */
  dispose(): void;
}

export const AUTOSAVE_DELAY_MS = 400;

/**
 * Debounced, serialised saving of one text: at most one save is in flight, the last
 * text always wins, a failure keeps the text and is reported, never swallowed.
 */
export function createAutosaver(options: AutosaveOptions): Autosaver {
  const timers = options.timers ?? realTimers;
  const delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  let saved: string | null = options.savedText ?? null;
  let current = saved ?? '';
  let timer: unknown = null;
  let inflight: Promise<boolean> | null = null;
  let disposed = false;
  let state: AutosaveState = { status: saved === null ? 'idle' : 'saved', error: null };

  const setState = (next: AutosaveState) => {
    if (next.status === state.status && next.error === state.error) return;
    state = next;
    options.onState?.(state);
  };

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const saveOnce = async (): Promise<boolean> => {
    const snapshot = current;
    setState({ status: 'saving', error: null });
    let result: ClientResult<unknown>;
    try {
      result = await options.save(snapshot);
    } catch (error) {
      result = { ok: false, error: { code: 'internal', message: String(error) } };
    }
    if (result.ok) {
      saved = snapshot;
      if (!disposed) setState({ status: current === saved ? 'saved' : 'pending', error: null });
      return true;
    }
    if (!disposed) setState({ status: 'error', error: result.error });
    return false;
  };

  const drain = async (): Promise<boolean> => {
    clearTimer();
    for (;;) {
      if (inflight) {
        const ok = await inflight;
        if (!ok) return false;
        continue;
      }
      if (current === saved) {
        if (!disposed && state.status !== 'saved') setState({ status: 'saved', error: null });
        return true;
      }
      if (disposed) return false;
      inflight = saveOnce().finally(() => {
        inflight = null;
      });
    }
  };

  return {
    update(text) {
      if (disposed) return;
      current = text;
      clearTimer();
      if (current === saved && !inflight) {
        setState({ status: 'saved', error: null });
        return;
      }
      if (!inflight) setState({ status: 'pending', error: null });
      timer = timers.setTimeout(() => {
        timer = null;
        void drain();
      }, delayMs);
    },
    flush: drain,
    retry: drain,
    state: () => state,
    text: () => current,
    isSaved: () => current === saved,
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
