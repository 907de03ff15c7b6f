import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOTS, nextFreeSlot, PostingSlot, PostingSlots, ScheduledTime, slotInstants, validateScheduleTime, type PostingSlot as Slot } from '../../src/shared/schedule';

const utc = (iso: string) => Date.parse(iso);
const isoList = (list: number[]) => list.map((ms) => new Date(ms).toISOString());

describe('posting slots', () => {
  it('default to Monday to Friday at 08:00, 12:00 and 17:30', () => {
    expect(DEFAULT_SLOTS).toHaveLength(15);
    expect(new Set(DEFAULT_SLOTS.map((s) => s.weekday))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(DEFAULT_SLOTS.filter((s) => s.weekday === 3).map((s) => s.time)).toEqual(['08:00', '12:00', '17:30']);
    expect(PostingSlots.safeParse(DEFAULT_SLOTS).success).toBe(true);
  });

  it('are checked: ISO weekday 1-7 and HH:MM', () => {
    expect(PostingSlot.safeParse({ weekday: 7, time: '02:30' }).success).toBe(true);
    expect(PostingSlot.safeParse({ weekday: 0, time: '08:00' }).success).toBe(false);
    expect(PostingSlot.safeParse({ weekday: 8, time: '08:00' }).success).toBe(false);
    expect(PostingSlot.safeParse({ weekday: 1, time: '8:00' }).success).toBe(false);
    expect(PostingSlot.safeParse({ weekday: 1, time: '12:60' }).success).toBe(false);
  });

  it('a scheduled time is an instant plus the zone it was chosen in', () => {
    expect(ScheduledTime.safeParse({ at: '2026-11-23T07:00:00.000Z', timeZone: 'Europe/Paris' }).success).toBe(true);
    expect(ScheduledTime.safeParse({ at: '2026-11-23 08:00', timeZone: 'Europe/Paris' }).success).toBe(false);
    expect(ScheduledTime.safeParse({ at: '2026-11-23T07:00:00.000Z', timeZone: 'Paris' }).success).toBe(false);
  });
});

describe('the instants of the default slots over a week', () => {
  it('in Europe/Paris (winter, UTC+1): weekdays only', () => {
    // Monday 2026-11-23 to Monday 2026-11-30 (excluded).
    const list = slotInstants(DEFAULT_SLOTS, 'Europe/Paris', utc('2026-11-22T23:00:00Z'), utc('2026-11-29T23:00:00Z'));
    expect(list).toHaveLength(15);
    expect(isoList(list).slice(0, 3)).toEqual(['2026-11-23T07:00:00.000Z', '2026-11-23T11:00:00.000Z', '2026-11-23T16:30:00.000Z']);
    expect(isoList(list).slice(-3)).toEqual(['2026-11-27T07:00:00.000Z', '2026-11-27T11:00:00.000Z', '2026-11-27T16:30:00.000Z']);
  });

  it('in America/New_York (summer UTC-4, winter UTC-5)', () => {
    const list = slotInstants(DEFAULT_SLOTS, 'America/New_York', utc('2026-06-15T04:00:00Z'), utc('2026-06-16T04:00:00Z'));
    expect(isoList(list)).toEqual(['2026-06-15T12:00:00.000Z', '2026-06-15T16:00:00.000Z', '2026-06-15T21:30:00.000Z']);
    // Winter, UTC-5: Friday 17:30 is 22:30Z; Saturday has nothing.
    const winter = slotInstants(DEFAULT_SLOTS, 'America/New_York', utc('2026-11-27T05:00:00Z'), utc('2026-11-29T05:00:00Z'));
    expect(isoList(winter)).toEqual(['2026-11-27T13:00:00.000Z', '2026-11-27T17:00:00.000Z', '2026-11-27T22:30:00.000Z']);
  });

  it('in a zone east of UTC where a morning slot is on the previous UTC day (Pacific/Auckland)', () => {
    const list = slotInstants([{ weekday: 1, time: '08:00' }], 'Pacific/Auckland', utc('2026-11-20T00:00:00Z'), utc('2026-11-27T00:00:00Z'));
    expect(isoList(list)).toEqual(['2026-11-22T19:00:00.000Z']); // Monday 23 Nov 08:00 NZDT
  });

  it('across the Paris fall-back weekend, each slot keeps its wall-clock time', () => {
    const list = slotInstants(DEFAULT_SLOTS, 'Europe/Paris', utc('2026-10-23T00:00:00Z'), utc('2026-10-27T00:00:00Z'));
    expect(isoList(list)).toEqual([
      '2026-10-23T06:00:00.000Z',
      '2026-10-23T10:00:00.000Z',
      '2026-10-23T15:30:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-26T11:00:00.000Z',
      '2026-10-26T16:30:00.000Z',
    ]);
  });

  it('the range is [from, until): a slot exactly at "until" belongs to the next range', () => {
    const monday8 = utc('2026-11-23T07:00:00Z');
    expect(slotInstants(DEFAULT_SLOTS, 'Europe/Paris', monday8, monday8 + 1)).toEqual([monday8]);
    expect(slotInstants(DEFAULT_SLOTS, 'Europe/Paris', monday8 - 1, monday8)).toEqual([]);
    expect(slotInstants([], 'Europe/Paris', 0, utc('2030-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('slots on daylight-saving change days', () => {
  const sunday = (time: string): Slot[] => [{ weekday: 7, time }];
  const day = (zone: string, fromIso: string, toIso: string, slots: Slot[]) => isoList(slotInstants(slots, zone, utc(fromIso), utc(toIso)));

  it('Paris spring-forward 2027-03-28: 02:30 does not exist and is used at 03:00 CEST', () => {
    expect(day('Europe/Paris', '2027-03-27T20:00:00Z', '2027-03-28T22:00:00Z', sunday('02:30'))).toEqual(['2027-03-28T01:00:00.000Z']);
  });

  it('Paris fall-back 2026-10-25: 02:30 happens twice and is used once, the first time', () => {
    expect(day('Europe/Paris', '2026-10-24T20:00:00Z', '2026-10-25T22:00:00Z', sunday('02:30'))).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('New York spring-forward 2027-03-14: 02:30 is used at 03:00 EDT, 01:30 is normal', () => {
    expect(day('America/New_York', '2027-03-14T00:00:00Z', '2027-03-15T04:00:00Z', [...sunday('01:30'), ...sunday('02:30')])).toEqual([
      '2027-03-14T06:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
    ]);
  });

  it('New York fall-back 2026-11-01: 01:30 happens twice and is used once, in EDT', () => {
    expect(day('America/New_York', '2026-11-01T00:00:00Z', '2026-11-02T05:00:00Z', [...sunday('01:30'), ...sunday('02:30')])).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
    ]);
  });

  it('two slots in the same spring-forward gap land on one instant, used once', () => {
    expect(day('Europe/Paris', '2027-03-27T20:00:00Z', '2027-03-28T22:00:00Z', [...sunday('02:15'), ...sunday('02:45'), ...sunday('03:00')])).toEqual(['2027-03-28T01:00:00.000Z']);
  });
});

describe('"Add to queue" takes the next free slot', () => {
  const paris = 'Europe/Paris';

  it('the next slot after now, when nothing is taken', () => {
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, utc('2026-11-23T09:30:00Z'), [])).toBe(utc('2026-11-23T11:00:00Z'));
  });

  it('strictly after now: a slot at this very instant is too late', () => {
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, utc('2026-11-23T07:00:00Z'), [])).toBe(utc('2026-11-23T11:00:00Z'));
  });

  it('skips slots the account already uses', () => {
    const taken = [utc('2026-11-23T11:00:00Z'), utc('2026-11-23T16:30:00Z')];
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, utc('2026-11-23T09:30:00Z'), taken)).toBe(utc('2026-11-24T07:00:00Z'));
  });

  it('skips the weekend: Friday evening goes to Monday 08:00', () => {
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, utc('2026-11-27T17:00:00Z'), [])).toBe(utc('2026-11-30T07:00:00Z'));
  });

  it('skips taken slots and the weekend together, across the fall-back change', () => {
    const taken = [utc('2026-10-23T15:30:00Z')];
    // Friday 23 Oct 17:30 CEST taken, weekend, Monday 26 Oct 08:00 CET.
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, utc('2026-10-23T12:00:00Z'), taken)).toBe(utc('2026-10-26T07:00:00Z'));
  });

  it('looks past a fully booked week', () => {
    const from = utc('2026-11-22T12:00:00Z');
    const taken = slotInstants(DEFAULT_SLOTS, paris, from, utc('2026-12-05T00:00:00Z'));
    expect(taken).toHaveLength(30);
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, from, taken)).toBe(utc('2026-12-07T07:00:00Z'));
  });

  it('returns null when every slot within the horizon is taken, or there are no slots', () => {
    const from = utc('2026-11-22T12:00:00Z');
    const taken = slotInstants(DEFAULT_SLOTS, paris, from, from + 14 * 86_400_000);
    expect(nextFreeSlot(DEFAULT_SLOTS, paris, from, taken, 14)).toBeNull();
    expect(nextFreeSlot([], paris, from, [])).toBeNull();
  });

  it('uses the account zone: the same slots in New York are later in UTC', () => {
    expect(nextFreeSlot(DEFAULT_SLOTS, 'America/New_York', utc('2026-11-23T09:30:00Z'), [])).toBe(utc('2026-11-23T13:00:00Z'));
  });
});

describe('"Schedule at..." time check', () => {
  const now = utc('2026-11-23T09:00:00Z');
  it('accepts a future time and one a few seconds ago', () => {
    expect(validateScheduleTime(now + 3_600_000, now)).toEqual({ ok: true });
    expect(validateScheduleTime(now - 30_000, now)).toEqual({ ok: true });
  });
  it('refuses a time in the past beyond the grace, and a non-time', () => {
    expect(validateScheduleTime(now - 5 * 60_000, now)).toEqual({ ok: false, code: 'schedule_time_in_past' });
    expect(validateScheduleTime(Number.NaN, now)).toEqual({ ok: false, code: 'schedule_time_invalid' });
    expect(validateScheduleTime(now - 30_000, now, 0)).toEqual({ ok: false, code: 'schedule_time_in_past' });
  });
});
