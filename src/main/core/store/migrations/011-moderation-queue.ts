import type { Migration } from './types';

/**
 * Version 11: moderation actions waiting for the network. An action taken offline (or while the
 * server is throttling or failing) is stored with everything needed to send it later — the
 * item, the account, the rule that asked, the report's details — and goes once when the
 * connection is back, oldest first per account, like the board's actions.
 */
export const migration011: Migration = {
  version: 11,
  name: 'moderation-queue',
  up: `
    CREATE TABLE moderation_queue (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      action TEXT NOT NULL,
      rule_id TEXT,
      -- A report's reason, comment and rule ids (the shared ReportDetails as JSON), or null.
      report TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed', 'cancelled')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      error_message TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX moderation_queue_due ON moderation_queue (next_at) WHERE state IN ('pending', 'sending');
  `,
};
