import { isoString } from '../../shared/schedule/iso-time';

/** Every clock read in the core goes through a Clock, so tests can drive time. */
export interface Clock {
  now(): number; // epoch milliseconds
}
export const systemClock: Clock = { now: () => Date.now() };

/** ISO 8601 text of an instant (the native conversion's text, faster in bulk). */
export const toIso = (ms: number): string => isoString(ms);
