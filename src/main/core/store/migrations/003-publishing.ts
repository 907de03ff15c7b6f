import type { Migration } from './types';

/**
 * Version 3: publishing. A draft becomes a post when it has targets (one per account) and a
 * time; each target is a job of the scheduler's queue, with its idempotency keys chosen here,
 * before any network call, and every attempt recorded.
 */
export const migration003: Migration = {
  version: 3,
  name: 'publishing',
  up: `
    ALTER TABLE accounts ADD COLUMN service_url TEXT NOT NULL DEFAULT '';
    ALTER TABLE accounts ADD COLUMN remote_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE accounts ADD COLUMN time_zone TEXT;
    ALTER TABLE accounts ADD COLUMN posting_slots TEXT;
    ALTER TABLE accounts ADD COLUMN capabilities TEXT;
    ALTER TABLE accounts ADD COLUMN removed_at INTEGER;
    -- Accounts from version 2 have no remote id yet: only known identities are unique.
    CREATE UNIQUE INDEX accounts_one_per_identity ON accounts (workspace_id, network, service_url, remote_id) WHERE removed_at IS NULL AND remote_id <> '';

    ALTER TABLE workspaces ADD COLUMN missed_policy TEXT NOT NULL DEFAULT 'ask';
    ALTER TABLE workspaces ADD COLUMN require_alt_text INTEGER NOT NULL DEFAULT 0;

    -- The composer's content beyond the main text (media, content warning, language, poll, thread).
    ALTER TABLE drafts ADD COLUMN content TEXT;
    -- draft | scheduled | done (every target ended) ; targets carry the detail.
    ALTER TABLE drafts ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
    ALTER TABLE drafts ADD COLUMN scheduled_at INTEGER;
    ALTER TABLE drafts ADD COLUMN time_zone TEXT;
    CREATE INDEX drafts_by_state ON drafts (workspace_id, state, scheduled_at) WHERE deleted_at IS NULL;

    CREATE TABLE media (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      file_name TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE post_targets (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES accounts(id),
      network TEXT NOT NULL,
      variant TEXT,
      status TEXT NOT NULL,
      due_at INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      idempotency_key TEXT NOT NULL UNIQUE,
      part_keys TEXT NOT NULL,
      sent_parts TEXT NOT NULL DEFAULT '[]',
      last_error TEXT,
      remote_url TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT;
    -- The scheduler's next-due lookup reads only this partial index.
    CREATE INDEX post_targets_due ON post_targets (due_at) WHERE status = 'pending';
    CREATE INDEX post_targets_by_draft ON post_targets (draft_id);
    CREATE INDEX post_targets_by_account ON post_targets (account_id, due_at);

    CREATE TABLE publish_attempts (
      id INTEGER PRIMARY KEY,
      target_id TEXT NOT NULL REFERENCES post_targets(id) ON DELETE CASCADE,
      number INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      finished_at INTEGER NOT NULL,
      result TEXT NOT NULL,
      error TEXT,
      retry_at INTEGER,
      remote_id TEXT,
      url TEXT
    ) STRICT;
    CREATE INDEX publish_attempts_by_target ON publish_attempts (target_id, number);
  `,
};
