import { describe, expect, it } from 'vitest';
import { isoString } from '../../src/shared/schedule/iso-time';

describe('isoString', () => {
  it('gives the text toISOString gives, at the edges of days, months, leap years and the range it formats itself', () => {
    const edges = [0, 1, 999, 1000, 59_999, 60_000, 3_599_999, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 1, 28, 12), Date.UTC(2027, 2, 28, 1, 0, 0, 1), 253_402_300_799_999];
    for (const ms of edges) expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  it('gives the same text for 20,000 instants spread over four centuries, and answers as the native conversion does outside them', () => {
    // A fixed walk (no randomness): steps of a prime number of milliseconds cover every field's values.
    for (let i = 0, ms = 0; i < 20_000; i++, ms += 631_152_000_007) expect(isoString(ms % 253_402_300_800_000)).toBe(new Date(ms % 253_402_300_800_000).toISOString());
    for (const ms of [-1, -86_400_001, 253_402_300_800_000, 1.5, 8.64e15]) expect(isoString(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
    expect(() => isoString(8.64e15 + 1)).toThrow(RangeError);
  });
});
