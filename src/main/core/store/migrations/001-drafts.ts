import type { Migration } from './types';

/** Version 1: settings, workspaces and their drafts. */
export const migration001: Migration = {
  version: 1,
  name: 'drafts',
  up: `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE workspaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE drafts (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      deleted_at INTEGER
    ) STRICT;
    CREATE INDEX drafts_by_workspace ON drafts (workspace_id, updated_at DESC) WHERE deleted_at IS NULL;
  `,
};
