import type { Page } from '@playwright/test';

/** One command the page sent the core, in the order sent. */
export interface RpcEntry {
  command: string;
  input: unknown;
  answered: boolean;
}

const parse = (payload: string | Buffer): Record<string, unknown> | null => {
  try {
    const message: unknown = JSON.parse(String(payload));
    return message && typeof message === 'object' ? (message as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * The commands the page sends the core over its WebSocket (/rpc) and their answers, read from the
 * frames: what a spec waits on instead of a pause ("the check asked after this save has answered",
 * "every refresh has come back"). Attached before the page opens its socket.
 */
export class RpcLog {
  readonly entries: RpcEntry[] = [];

  constructor(page: Page) {
    page.on('websocket', (socket) => {
      const byId = new Map<number, RpcEntry>();
      socket.on('framesent', ({ payload }) => {
        const m = parse(payload);
        if (typeof m?.id !== 'number' || typeof m.command !== 'string') return;
        const entry = { command: m.command, input: m.input, answered: false };
        byId.set(m.id, entry);
        this.entries.push(entry);
      });
      socket.on('framereceived', ({ payload }) => {
        const m = parse(payload);
        if (m?.kind !== 'result' || typeof m.id !== 'number') return;
        const entry = byId.get(m.id);
        if (entry) entry.answered = true;
      });
    });
  }

  /** A `command` sent after the last command `after` matches has been answered. */
  answeredAfter(command: string, after: (entry: RpcEntry) => boolean): boolean {
    const from = this.entries.findLastIndex(after);
    return from >= 0 && this.entries.slice(from + 1).some((e) => e.command === command && e.answered);
  }

  /** Every command sent so far (or every `command`) has its answer. */
  settled(command?: string): boolean {
    return this.entries.every((e) => e.answered || (command !== undefined && e.command !== command));
  }
}
