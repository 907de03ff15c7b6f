/**
 * Record keys for Bluesky posts: TIDs ("timestamp identifiers", atproto.com/specs/tid).
 *
 * A TID is a 64-bit integer written as 13 characters of base32-sortable
 * ("234567abcdefghijklmnopqrstuvwxyz"): the top bit is 0, then 53 bits of microseconds since
 * the UNIX epoch, then a 10-bit clock identifier. Keys sort as their times, so a post's key
 * chosen at scheduling time is still a valid, ordinary key when the post goes out later.
 *
 * Implemented here (a few lines) rather than imported from @atproto/common-web, which is
 * only a transitive dependency of @atproto/api.
 */

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const MAX_TIMESTAMP_US = 2n ** 53n - 1n;

/** One clock identifier per process, like the reference implementation. */
const CLOCK_ID = BigInt(Math.floor(Math.random() * 1024));
let lastTimestampUs = 0n;

function encode(value: bigint): string {
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** Whether `key` has the TID syntax (what app.bsky.feed.post requires of its record keys). */
export function isValidTid(key: string): boolean {
  return typeof key === 'string' && TID_PATTERN.test(key);
}

/** The microseconds since the epoch a TID carries. */
export function tidTimestampUs(key: string): bigint {
  if (!isValidTid(key)) throw new Error(`not a TID: ${key}`);
  let value = 0n;
  for (const char of key) value = (value << 5n) | BigInt(ALPHABET.indexOf(char));
  return value >> 10n;
}

/**
 * A new record key for a post, from `nowMs` (default: the current time). Keys made by this
 * process always increase, even when the clock stands still or goes back.
 */
export function newRecordKey(nowMs: number = Date.now()): string {
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError(`invalid time: ${nowMs}`);
  let us = BigInt(Math.floor(nowMs)) * 1000n;
  if (us <= lastTimestampUs) us = lastTimestampUs + 1n;
  if (us > MAX_TIMESTAMP_US) throw new RangeError(`time out of range: ${nowMs}`);
  lastTimestampUs = us;
  return encode((us << 10n) | CLOCK_ID);
}
