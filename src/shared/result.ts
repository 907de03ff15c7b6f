/** Every command answers with a Result: a value, or an error a person can read. */
import { CALENDAR_ERROR_CODES } from './calendar/errors';
import { BOARD_ERROR_CODES } from './board/errors';
import { INBOX_ERROR_CODES } from './inbox/errors';
import { CHARTER_EDITOR_ERROR_CODES } from './charter/names';

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
  'vault_passphrase_too_short', // params: min
  'vault_already_set_up',
  'vault_no_passphrase', // the vault is not protected by a passphrase: nothing to unlock
  'storage_failed', // disk full, read-only, I/O error
  'internal', // a bug: the handler threw something unexpected
  // What a command names is gone (deleted elsewhere, or never existed): one code per kind.
  'workspace_not_found',
  'draft_not_found',
  'post_not_found',
  'account_not_found',
  'media_not_found', // an image is missing from the data folder
  'connection_attempt_expired', // a Mastodon authorization started too long ago: start again
  'time_zone_unknown', // params: zone
  'draft_id_taken', // a draft with this id exists in another workspace
  'draft_deleted', // the draft was deleted meanwhile; restore it to keep editing
  // Publishing commands
  'schedule_time_in_past',
  'schedule_time_invalid',
  'no_free_slot', // params: handle (no free posting slot in the next 60 days)
  'no_target', // choose at least one account
  'no_target_can_go', // every target is blocked by the rule book
  'retry_not_allowed', // only a failed, held or skipped publication can be retried
  'publication_not_found', // one account's side of a post (a target) is gone
  'delete_remote_not_allowed', // only a post that went out (and is not going out now) can be deleted from its network
  'delete_remote_in_progress',
  'delete_remote_account_removed', // the account that published it was removed: delete it on the network itself
  'account_link_mismatch', // params: network (this network's accounts are not connected this way)
  'account_link_failed', // params: detail (the network's sign-in failed with its own words)
  // Networks (connectors): the message carries the network's own words when it gave any.
  'authorization_refused', // the person (or the server) refused to authorize Tribune
  'network_refused', // params: detail (the network's own words). The network answered, and said no
  'network_unreachable', // params: detail. The network could not be reached (offline, timeout, server down)
  'account_reconnect_needed', // params: handle. The account's session is no longer accepted: reconnect it
  // Images a person adds (media.import, the web host's upload route)
  'media_not_image', // the bytes are not a readable image, whatever the file's name says
  'media_unsupported_type', // an image, but not JPEG, PNG, WebP or GIF
  'media_too_large', // over MAX_IMAGE_FILE_BYTES (src/shared/media.ts)
  ...CALENDAR_ERROR_CODES,
  ...BOARD_ERROR_CODES,
  ...INBOX_ERROR_CODES,
  ...CHARTER_EDITOR_ERROR_CODES,
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
