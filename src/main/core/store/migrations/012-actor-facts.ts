import type { Migration } from './types';

/**
 * Version 12: what the networks say about an author, for the charter's account rules (very new
 * or empty accounts): when the account was created, how many posts it has, whether it has a
 * bio and a picture of its own. Null: the network did not say (a rule never matches on an unknown fact).
 */
export const migration012: Migration = {
  version: 12,
  name: 'actor-facts',
  up: `
    ALTER TABLE actors ADD COLUMN account_created_at INTEGER;
    ALTER TABLE actors ADD COLUMN posts_count INTEGER;
    ALTER TABLE actors ADD COLUMN has_bio INTEGER CHECK (has_bio IN (0, 1));
    ALTER TABLE actors ADD COLUMN has_avatar INTEGER CHECK (has_avatar IN (0, 1));
  `,
};
