/** Every command answers with a Result: a value, or an error a person can read. */
import { CALENDAR_ERROR_CODES } from './calendar/errors';

/** Stable error codes: the renderer translates them; never rename one. */
export const ERROR_CODES = [
  'invalid_input', // the payload does not match the contract
  'unknown_command',
  'not_found',
  'conflict',
  'vault_locked', // secrets cannot be read until the person unlocks the vault
  'vault_unavailable', // no OS keychain and no passphrase chosen yet
  'vault_wrong_passphrase',
  'vault_key_mismatch', // the keychain entry is gone or different
  'storage_failed', // disk full, read-only, I/O error
  'internal', // a bug: the handler threw something unexpected
  // Networks (connectors): the message carries the network's own words when it gave any.
  'authorization_refused', // the person (or the server) refused to authorize Tribune
  'network_refused', // the network answered, and said no
  'network_unreachable', // the network could not be reached (offline, timeout, server down)
  'account_reconnect_needed', // the account's session is no longer accepted: reconnect it
  // Images a person adds (media.import, the web host's upload route)
  'media_not_image', // the bytes are not a readable image, whatever the file's name says
  'media_unsupported_type', // an image, but not JPEG, PNG, WebP or GIF
  'media_too_large', // over MAX_IMAGE_FILE_BYTES (src/shared/media.ts)
  ...CALENDAR_ERROR_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Optional details for invalid_input: which fields were wrong. */
  issues?: { path: string; message: string }[];
  /** Values the translated message needs (a line number, a limit...). */
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: AppError['issues'], params?: AppError['params']): Result<never> => ({
  ok: false,
  error: { code, message, ...(issues ? { issues } : {}), ...(params ? { params } : {}) },
});

/** An error the core throws on purpose; handlers turn it into a typed failure. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
