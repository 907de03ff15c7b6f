/** A failed read as the column's state, the code the renderer translates, and when to try again. */
import type { ColumnState } from '../../../shared/board/schemas';
import { ReadError } from '../connectors/reader';
import type { StatusPatch } from '../repositories/boards';

const BACKOFF_MS = [30_000, 60_000, 120_000, 300_000, 600_000];
export const backoff = (failures: number): number => BACKOFF_MS[Math.min(Math.max(failures - 1, 0), BACKOFF_MS.length - 1)]!;

export function failureStatus(err: ReadError, failures: number, now: number): StatusPatch & { state: ColumnState; retry_at: number } {
  switch (err.kind) {
    case 'rate_limited':
      return { state: 'throttled', retry_at: Math.max(err.retryAt ?? now + 60_000, now + 1_000), error_code: 'board_rate_limited', error_message: err.message };
    case 'unreachable':
      return { state: 'offline', retry_at: now + backoff(failures), error_code: 'network_unreachable', error_message: err.message };
    case 'reconnect_needed':
      return { state: 'reconnect_needed', retry_at: now + 30 * 60_000, error_code: 'account_reconnect_needed', error_message: err.message };
    case 'chat_not_allowed':
      // The account must be reconnected with an app password that allows direct messages.
      return { state: 'unsupported', retry_at: now + 60 * 60_000, error_code: 'chat_not_allowed', error_message: err.message };
    case 'unsupported':
      return { state: 'unsupported', retry_at: now + 24 * 3_600_000, error_code: 'column_unsupported', error_message: err.message };
    case 'server':
      return { state: 'failing', retry_at: now + backoff(failures), error_code: 'board_server_error', error_message: err.message };
    default:
      return { state: 'failing', retry_at: now + backoff(failures), error_code: 'network_refused', error_message: err.message };
  }
}
