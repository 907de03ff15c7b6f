/**
 * What a charter flag matched when it is not words from the text: the engine names a signal
 * (`spam_wave:4`, `mentions:12`, `all_caps`, `new_account:2` (the account's age in days), `empty_account`); the renderer
 * translates it instead of showing the code.
 */
export type SignalCode = 'spam_wave' | 'mentions' | 'all_caps' | 'new_account' | 'empty_account';
export interface MatchedSignal {
  code: SignalCode;
  count: number | null;
}

const COUNTED = /^(spam_wave|mentions|new_account):(\d{1,6})$/;
/** `new_account` alone: a flag recorded before the age was named. */
const PLAIN: readonly SignalCode[] = ['all_caps', 'new_account', 'empty_account'];

export function signalOf(matched: string): MatchedSignal | null {
  const counted = COUNTED.exec(matched);
  if (counted) return { code: counted[1] as SignalCode, count: Number(counted[2]) };
  return (PLAIN as readonly string[]).includes(matched) ? { code: matched as SignalCode, count: null } : null;
}
