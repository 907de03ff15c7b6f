import type { Migration } from './types';

/**
 * Version 10: where a column was last read without a hole. `continuous_key` is the sort key of
 * the newest entry a refresh (or a stream followed since a refresh) reached without missing
 * anything: a refresh stops only when it meets it, not at an entry a stream delivered after a
 * reconnect, so what the stream missed gets a gap row. Existing columns start from their newest
 * entry ('' for a column whose first fill found nothing: everything it gets later is new).
 */
export const migration010: Migration = {
  version: 10,
  name: 'column-continuity',
  up: `
    ALTER TABLE board_columns ADD COLUMN continuous_key TEXT;
    UPDATE board_columns SET continuous_key = coalesce(
      (SELECT max(e.sort_key) FROM column_entries e WHERE e.column_id = board_columns.id AND e.kind != 'gap'), '')
      WHERE older_cursor IS NOT NULL;
  `,
};
