/**
 * The scheduler's unit tests run on vitest's fake time: the clock and the timers the scheduler
 * is given are the fake ones, so nothing waits for real and every delay is exact.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { TimerPort } from '../../src/main/core/scheduler/ports';

export const T0 = Date.parse('2026-11-23T09:00:00.000Z');
export const S = 1_000;
export const MIN = 60 * S;
export const HOUR = 60 * MIN;

export const clock = { now: () => Date.now() };
export const timers: TimerPort = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Each test of the file starts at T0 on fake timers, and gives the real ones back. */
export function useFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
