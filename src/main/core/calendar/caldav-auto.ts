/**
 * CalDAV without pressing a button: every workspace linked to a collection syncs at start, every
 * five minutes, and when the computer wakes or the network comes back (the same signal account
 * health and the scheduler use). Changes made offline are whatever differs from the exchange
 * base, so they go at the first sync that reaches the server. Conflicts are kept as a preview
 * (CalDavConfig.conflicts) for the same three-way view, and announced with `caldav.synced`.
 */
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Workspace } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { systemTimers, type TimerHandle, type TimerPort } from '../scheduler/ports';
import type { CalDavService } from './caldav';

export const CALDAV_SYNC_PERIOD_MS = 5 * 60_000;

export interface CalDavAutoDeps {
  caldav: Pick<CalDavService, 'sync'>;
  /** Workspaces linked to a collection. */
  linked: () => string[];
  workspace: (id: string) => Workspace | null;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: (message: string) => void;
  timers?: TimerPort;
}

export class CalDavAutoSync {
  private readonly timers: TimerPort;
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;

  constructor(private readonly d: CalDavAutoDeps) {
    this.timers = d.timers ?? systemTimers;
  }

  start(): void {
    this.started = true;
    void this.run();
  }

  stop(): void {
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Woken up, or back online: sync now. */
  wake(): void {
    if (this.started) void this.run();
  }

  /** One pass over the linked workspaces (a pass asked for meanwhile runs right after); then the next period. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.running = (async () => {
      do {
        this.again = false;
        for (const id of this.d.linked()) {
          if (!this.started) return;
          await this.syncOne(id);
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
      if (this.started) this.timer = this.timers.setTimeout(() => void this.run(), CALDAV_SYNC_PERIOD_MS);
    });
    return this.running;
  }

  private async syncOne(workspaceId: string): Promise<void> {
    const ws = this.d.workspace(workspaceId);
    if (!ws) return;
    try {
      const r = await this.d.caldav.sync(ws);
      if (r.pulled + r.deletedLocal > 0) {
        this.d.emit('calendar.changed', { workspaceId });
        this.d.emit('drafts.changed', { workspaceId });
      }
      this.d.emit('caldav.synced', { workspaceId, state: r.state, conflicts: r.conflicts?.items.length ?? 0, error: null });
    } catch (error) {
      // Refused (password, server error): said once per pass; the next pass tries again.
      const code = error instanceof AppFailure ? error.code : 'internal';
      this.d.log(`calendar sync of ${workspaceId} failed: ${code}`);
      this.d.emit('caldav.synced', { workspaceId, state: 'failed', conflicts: 0, error: code });
    }
  }
}
