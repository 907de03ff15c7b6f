/**
 * How late an inbox item is against the workspace's response target (the ageing colour): fresh
 * under half the target, ageing until it, late past it. With business hours, only the minutes
 * inside them count, like the response-time figures. Pure; the inbox list and its tests use it.
 */
import { businessMinutes } from './response-times';
import type { BusinessHours } from './schemas';

export type Ageing = 'fresh' | 'ageing' | 'late';

export function ageOf(arrivedAt: number, now: number, targetMinutes: number, hours: BusinessHours | null = null, zone = 'UTC'): Ageing {
  const minutes = hours ? businessMinutes(arrivedAt, now, zone, hours) : (now - arrivedAt) / 60_000;
  if (minutes >= targetMinutes) return 'late';
  return minutes >= targetMinutes / 2 ? 'ageing' : 'fresh';
}
