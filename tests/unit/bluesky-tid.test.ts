import { TID } from '@atproto/common-web';
import { isValidTid as atprotoIsValidTid } from '@atproto/syntax';
import { describe, expect, it } from 'vitest';
import { isValidTid, newRecordKey, tidTimestampUs } from '../../src/main/core/connectors/bluesky/tid';

describe('newRecordKey (Bluesky TIDs)', () => {
  it('makes 13-character TIDs that atproto itself accepts', () => {
    for (let i = 0; i < 50; i++) {
      const key = newRecordKey();
      expect(key).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
      expect(isValidTid(key)).toBe(true);
      expect(atprotoIsValidTid(key)).toBe(true);
    }
  });

  it('carries the given time in microseconds, as the reference TID reads it', () => {
    const at = Date.UTC(2031, 5, 1, 12, 0, 0); // later than anything generated so far
    const key = newRecordKey(at);
    expect(tidTimestampUs(key)).toBe(BigInt(at) * 1000n);
    const reference = TID.fromStr(key);
    expect(reference.timestamp()).toBe(at * 1000);
    expect(reference.clockid()).toBeGreaterThanOrEqual(0);
    expect(reference.clockid()).toBeLessThan(1024);
  });

  it('always increases, even for the same or an earlier time', () => {
    const keys = [newRecordKey(Date.UTC(2032, 0, 1))];
    for (let i = 0; i < 1000; i++) keys.push(newRecordKey(Date.UTC(2032, 0, 1) - (i % 3)));
    keys.push(newRecordKey());
    for (let i = 1; i < keys.length; i++) expect(keys[i]! > keys[i - 1]!).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('tells TIDs from other strings', () => {
    expect(isValidTid('3jzfcijpj2z2a')).toBe(true);
    expect(isValidTid('3jzfcijpj2z2')).toBe(false); // 12 characters
    expect(isValidTid('zjzfcijpj2z2a')).toBe(false); // top bit set
    expect(isValidTid('3jzfcijpj2z2A')).toBe(false);
    expect(isValidTid('3jzf-cij-pj2z-2a')).toBe(false);
    expect(() => newRecordKey(-1)).toThrow(RangeError);
    expect(() => newRecordKey(Number.NaN)).toThrow(RangeError);
  });
});
