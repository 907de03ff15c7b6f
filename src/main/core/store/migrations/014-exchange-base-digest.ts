import type { Migration } from './types';

/**
 * Version 14: an exchange base says cheaply what it holds. `digest` describes the whole snapshot
 * (so an export compares one short string instead of reading and rewriting every base), `extras`
 * keeps only its media and targets (what an export reads back for accounts and images this
 * installation does not have). Null on rows written before: those are read from `snapshot`
 * and get both at their next write.
 */
export const migration014: Migration = {
  version: 14,
  name: 'exchange-base-digest',
  up: `
    ALTER TABLE exchange_base ADD COLUMN digest TEXT;
    ALTER TABLE exchange_base ADD COLUMN extras TEXT;
  `,
};
