/**
 * Error codes of the calendar, the exchange (files, CalDAV) and approval. They travel as
 * AppError codes with params (line, field...); the renderer translates them (errors.* keys).
 */
export const CALENDAR_ERROR_CODES = [
  'calendar_not_ical', // not an iCalendar file (no BEGIN:VCALENDAR)
  'calendar_range_invalid', // params: maxDays (a range runs forward and spans at most maxDays)
  'campaign_other_workspace',
  'label_other_workspace',
  'label_name_taken', // params: name
  'calendar_item_id_taken', // an item with this id exists elsewhere
  'caldav_password_needed',
  'upload_chunk_invalid', // params: index (beyond the end, or not the announced size)
  'import_not_found',
  'campaign_not_found',
  'label_not_found',
  'calendar_bad_folding', // a continuation line without a line to continue, or a broken line
  'calendar_bad_line', // a content line without "name:value"
  'calendar_unbalanced', // BEGIN/END do not match
  'calendar_missing_uid', // a VEVENT without UID
  'calendar_missing_start', // a VEVENT without DTSTART
  'calendar_bad_date', // a date or date-time that cannot be read
  'calendar_unknown_tzid', // a TZID neither defined in the file nor known to the runtime
  'calendar_bad_tribune_data', // X-TRIBUNE-* data that does not match its schema
  'calendar_duplicate_uid', // the same UID twice in one file
  'file_too_large', // params: maxBytes
  'file_empty',
  'bundle_invalid', // not a zip, or no calendar inside
  'bundle_media_mismatch', // a media file whose sha256 is not the one the calendar names
  'csv_bad_encoding', // not UTF-8 (params: line)
  'csv_bad_separator', // not comma-separated (params: separator)
  'csv_missing_columns', // params: columns
  'import_expired', // the preview is gone (params: importId); preview again
  'import_changed_meanwhile', // posts changed since the preview; preview again
  'import_already_undone',
  'upload_incomplete', // chunks missing (params: received, expected)
  'caldav_not_configured',
  'caldav_unreachable', // offline or no server: changes stay queued
  'caldav_auth_failed',
  'caldav_not_calendar', // the URL is not a calendar collection
  'caldav_server_error', // params: status
  'review_transition_invalid', // params: from, to
  'approval_required', // the workspace requires approval before scheduling (params: state)
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** Per-row reasons of a CSV bulk import (RowProblem.code). */
export const CSV_ROW_CODES = [
  'row_date_missing',
  'row_date_invalid',
  'row_time_invalid',
  'row_in_past',
  'row_message_missing',
  'row_account_unknown',
  'row_link_invalid',
  'row_text_too_long', // params: network, used, max
  'row_columns', // params: expected, found
  'row_rule', // a publishing rule refuses it (params: problem, network, and the rule's values)
] as const;
export type CsvRowCode = (typeof CSV_ROW_CODES)[number];

export type ErrorParams = Record<string, string | number>;
