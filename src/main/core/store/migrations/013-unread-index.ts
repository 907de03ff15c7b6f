import type { Migration } from './types';

/**
 * Version 13: the columns' unread counts read a narrow index instead of the entries themselves.
 * A count walks every entry above the read position (all 5,000 of a column filled offline); the
 * entries are wide rows (their remote key, gap cursor…), so the count read about four times the
 * pages it needs, three times per column at each start (the board, the rail, each first page).
 * The index holds what a count looks at: the column, the sort key, the kind and the reason (the
 * Notifications filter), so a count is answered from it alone.
 */
export const migration013: Migration = {
  version: 13,
  name: 'unread-index',
  up: `
    CREATE INDEX column_entries_unread ON column_entries (column_id, sort_key, kind, reason);
  `,
};
