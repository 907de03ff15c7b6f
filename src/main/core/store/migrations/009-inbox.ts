import type { Migration } from './types';

/**
 * Version 9: the inbox and moderation. Per workspace: its charter's rules (one row each, the
 * rule as JSON in the shared schema), saved replies, the inbox settings (response target,
 * business hours, follows or not); inbox items (one row per thing that calls for the brand,
 * per account: a mention, reply, quote, direct message or follow, with its state); the flags the
 * charter raised on cached items; notes about people; the audit log of moderation actions and
 * inbox state changes with the network's outcome.
 */
export const migration009: Migration = {
  version: 9,
  name: 'inbox',
  up: `
    CREATE TABLE charter_rules (
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      position INTEGER NOT NULL,
      -- The rule in src/shared/charter/schema.ts's CharterRule shape.
      body TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE saved_replies (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
      text TEXT NOT NULL,
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX saved_replies_by_workspace ON saved_replies (workspace_id, position);

    CREATE TABLE inbox_settings (
      workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      -- "Answer within 2 h": the ageing colour of inbox items.
      target_minutes INTEGER NOT NULL DEFAULT 120 CHECK (target_minutes > 0),
      -- {days: [1..7], start: minutes, end: minutes} in the workspace's zone, or null (all hours count).
      business_hours TEXT,
      include_follows INTEGER NOT NULL DEFAULT 0 CHECK (include_follows IN (0, 1))
    ) STRICT;

    CREATE TABLE inbox_items (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('mention', 'reply', 'quote', 'dm', 'follow')),
      item_id TEXT REFERENCES items(id) ON DELETE CASCADE,
      actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
      -- The item's URI, or 'follow:<actor remote id>': one row per thing whichever column saw it.
      subject TEXT NOT NULL,
      arrived_at INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'to_handle' CHECK (state IN ('to_handle', 'done', 'snoozed')),
      snoozed_until INTEGER,
      done_at INTEGER,
      -- How it was done: by hand, by replying, or by a charter rule acting on it.
      done_by TEXT CHECK (done_by IN ('hand', 'reply', 'rule')),
      -- The brand's first reply (response time), kept when the item is reopened.
      first_reply_at INTEGER,
      CHECK ((state = 'snoozed') = (snoozed_until IS NOT NULL)),
      UNIQUE (workspace_id, account_id, subject)
    ) STRICT;
    CREATE INDEX inbox_items_by_state ON inbox_items (workspace_id, state, arrived_at);
    CREATE INDEX inbox_items_snoozed ON inbox_items (snoozed_until) WHERE state = 'snoozed';
    CREATE INDEX inbox_items_by_item ON inbox_items (item_id);
    CREATE INDEX inbox_items_by_actor ON inbox_items (workspace_id, actor_id);

    -- What the workspace's charter said about a cached item: which rule, on what text.
    CREATE TABLE item_flags (
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      rule_name TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      action TEXT NOT NULL CHECK (action IN ('flag', 'hide', 'report', 'reply')),
      matched TEXT NOT NULL,
      flagged_at INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, item_id, rule_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX item_flags_by_item ON item_flags (item_id);

    CREATE TABLE person_notes (
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
      note TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (workspace_id, actor_id)
    ) STRICT, WITHOUT ROWID;

    -- Every moderation action and inbox state change: when, as which account, on what, why, and what the network said.
    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
      item_id TEXT REFERENCES items(id) ON DELETE SET NULL,
      actor_id TEXT REFERENCES actors(id) ON DELETE SET NULL,
      -- Kept as text so the log reads the same after the cache let the item go.
      item_uri TEXT,
      actor_handle TEXT,
      -- A charter rule (its id, kept even if the rule goes) or null: by hand.
      rule_id TEXT,
      action TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'unreachable', 'queued', 'undone')),
      -- The network's own words when it refused.
      message TEXT
    ) STRICT;
    CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, at);
  `,
};
