import type { Migration } from './types';

/**
 * Version 7: a sent target can be deleted from its network ("Delete from the network"). When
 * every part was deleted, `remote_deleted_at` says when; the post stays in Tribune's history.
 */
export const migration007: Migration = {
  version: 7,
  name: 'remote-deletions',
  up: `
    ALTER TABLE post_targets ADD COLUMN remote_deleted_at INTEGER;
  `,
};
