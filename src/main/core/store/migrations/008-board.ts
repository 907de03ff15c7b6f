import type { Migration } from './types';

/**
 * Version 8: the board. Boards per workspace with ordered columns (type, account, query,
 * width, notify), each column's sync state and read position; the network cache: one row per
 * remote item (deduplicated by network and URI) and per actor, shared by every column through
 * column_entries; each account's own view of an item (its remote id, like/repost/bookmark);
 * gaps; the durable action queue; cached threads and remote images.
 */
export const migration008: Migration = {
  version: 8,
  name: 'board',
  up: `
    CREATE TABLE boards (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX boards_by_workspace ON boards (workspace_id, position);

    CREATE TABLE board_columns (
      id TEXT PRIMARY KEY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('home', 'notifications', 'mentions', 'direct', 'search', 'list', 'profile', 'own_posts', 'drafts', 'scheduled', 'sent')),
      account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
      query TEXT NOT NULL DEFAULT '{}',
      width TEXT NOT NULL DEFAULT 'normal' CHECK (width IN ('narrow', 'normal', 'wide')),
      notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1)),
      created_at INTEGER NOT NULL,
      -- Read position: entries whose sort key is above it are unread.
      read_key TEXT,
      read_at INTEGER,
      -- The network's own cursor to read older entries (null: from the newest; 'end': nothing older).
      older_cursor TEXT,
      -- Sync state shown in the header.
      state TEXT NOT NULL DEFAULT 'idle',
      last_refresh_at INTEGER,
      retry_at INTEGER,
      error_code TEXT,
      error_message TEXT
    ) STRICT;
    CREATE INDEX board_columns_by_board ON board_columns (board_id, position);
    CREATE INDEX board_columns_by_account ON board_columns (account_id);

    CREATE TABLE actors (
      id TEXT PRIMARY KEY,
      network TEXT NOT NULL,
      remote_id TEXT NOT NULL,
      handle TEXT NOT NULL,
      display_name TEXT NOT NULL,
      avatar_url TEXT,
      url TEXT,
      updated_at INTEGER NOT NULL,
      UNIQUE (network, remote_id)
    ) STRICT;

    CREATE TABLE items (
      id TEXT PRIMARY KEY,
      network TEXT NOT NULL,
      uri TEXT NOT NULL,
      author_id TEXT NOT NULL REFERENCES actors(id),
      created_at INTEGER NOT NULL,
      -- The mapped item without author and viewer state: spans, media, context, counts (JSON).
      body TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0,
      fetched_at INTEGER NOT NULL,
      UNIQUE (network, uri)
    ) STRICT;
    CREATE INDEX items_by_author ON items (author_id);

    -- Each account's view of an item: its id on that account's server, and its own state.
    CREATE TABLE item_views (
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      remote_id TEXT NOT NULL,
      cid TEXT,
      liked INTEGER NOT NULL DEFAULT 0,
      reposted INTEGER NOT NULL DEFAULT 0,
      bookmarked INTEGER NOT NULL DEFAULT 0,
      -- Bluesky: the like / repost records' URIs (to delete them).
      like_ref TEXT,
      repost_ref TEXT,
      following_author INTEGER,
      follow_ref TEXT,
      PRIMARY KEY (item_id, account_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX item_views_by_account ON item_views (account_id);

    -- A column's rows. sort_key orders them (newest first) and is the cursor the renderer pages with.
    CREATE TABLE column_entries (
      column_id TEXT NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
      sort_key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('item', 'notification', 'gap')),
      item_id TEXT REFERENCES items(id) ON DELETE CASCADE,
      -- notification: its kind; item: 'repost' when reposted by actor_id.
      reason TEXT,
      actor_id TEXT REFERENCES actors(id),
      -- The network's entry id (notification id, or the item's uri) to deduplicate within the column.
      remote_key TEXT NOT NULL,
      -- gap: its id and the network cursor where loading resumes.
      gap_id TEXT,
      gap_cursor TEXT,
      at INTEGER NOT NULL,
      PRIMARY KEY (column_id, sort_key)
    ) STRICT, WITHOUT ROWID;
    CREATE UNIQUE INDEX column_entries_one_remote ON column_entries (column_id, remote_key);
    CREATE INDEX column_entries_by_item ON column_entries (item_id);

    -- The durable action queue: optimistic on the item at once, sent once, rolled back if refused.
    CREATE TABLE board_actions (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      action TEXT NOT NULL,
      -- Bluesky: the record key chosen when the action was taken (a retry finds the same record).
      rkey TEXT,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      error_code TEXT,
      error_message TEXT,
      -- The item view before the action (to roll back).
      before TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX board_actions_due ON board_actions (next_at) WHERE state IN ('pending', 'sending');

    CREATE TABLE item_threads (
      item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      -- {ancestors: itemId[], replies: [depth, itemId][]}
      body TEXT NOT NULL,
      fetched_at INTEGER NOT NULL,
      PRIMARY KEY (item_id, account_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE remote_images (
      key TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      mime TEXT,
      bytes INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'missing' CHECK (state IN ('missing', 'stored', 'failed')),
      fetched_at INTEGER,
      used_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX remote_images_lru ON remote_images (state, used_at);
  `,
};
