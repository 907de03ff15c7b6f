import type { Migration } from './types';

/**
 * Version 5: the editorial calendar and team exchange. Campaigns and labels on posts, a planned
 * date for drafts and ideas, approval (review state per post, a workspace switch), comments,
 * a post's history (every version an import or a merge replaced), import batches (undo),
 * the last exchanged version per iCalendar UID (the base of three-way merges) and CalDAV.
 */
export const migration005: Migration = {
  version: 5,
  name: 'calendar',
  up: `
    CREATE TABLE campaigns (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      starts_on TEXT,
      ends_on TEXT,
      goal TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX campaigns_by_workspace ON campaigns (workspace_id, name);

    CREATE TABLE labels (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX labels_one_name ON labels (workspace_id, name COLLATE NOCASE);

    CREATE TABLE post_labels (
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      label_id TEXT NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
      PRIMARY KEY (draft_id, label_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX post_labels_by_label ON post_labels (label_id);

    -- 'post' or 'idea' (a planned item from a foreign calendar, or one without a post yet).
    ALTER TABLE drafts ADD COLUMN kind TEXT NOT NULL DEFAULT 'post';
    ALTER TABLE drafts ADD COLUMN campaign_id TEXT REFERENCES campaigns(id) ON DELETE SET NULL;
    -- A date for a draft or an idea that is not scheduled (UTC ms).
    ALTER TABLE drafts ADD COLUMN planned_at INTEGER;
    -- draft -> in_review -> approved (-> scheduled by publishing).
    ALTER TABLE drafts ADD COLUMN review_state TEXT NOT NULL DEFAULT 'draft';
    -- iCalendar identity: UID (null: derived from the id) and SEQUENCE, bumped when the exported content changes.
    ALTER TABLE drafts ADD COLUMN ical_uid TEXT;
    ALTER TABLE drafts ADD COLUMN ical_sequence INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE drafts ADD COLUMN ical_hash TEXT;
    CREATE UNIQUE INDEX drafts_by_uid ON drafts (workspace_id, ical_uid) WHERE ical_uid IS NOT NULL;
    CREATE INDEX drafts_calendar ON drafts (workspace_id, coalesce(scheduled_at, planned_at)) WHERE deleted_at IS NULL;

    ALTER TABLE workspaces ADD COLUMN require_approval INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE post_comments (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX post_comments_by_draft ON post_comments (draft_id, created_at);

    CREATE TABLE import_batches (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      file_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      undone_at INTEGER,
      summary TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_batches_by_workspace ON import_batches (workspace_id, created_at DESC);

    -- One row per version an import, a merge or a sync replaced (or created: snapshot null).
    CREATE TABLE post_history (
      id INTEGER PRIMARY KEY,
      draft_id TEXT NOT NULL,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
      action TEXT NOT NULL,
      author TEXT NOT NULL DEFAULT '',
      snapshot TEXT,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX post_history_by_draft ON post_history (draft_id, id);
    CREATE INDEX post_history_by_batch ON post_history (batch_id);

    -- The last version exchanged (file or CalDAV) per UID: the base of a three-way merge.
    CREATE TABLE exchange_base (
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      uid TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      last_modified INTEGER NOT NULL,
      snapshot TEXT NOT NULL,
      PRIMARY KEY (workspace_id, uid)
    ) STRICT;

    CREATE TABLE caldav_collections (
      workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      username TEXT NOT NULL,
      secret_id TEXT NOT NULL,
      last_sync_at INTEGER,
      last_error TEXT,
      sync_token TEXT
    ) STRICT;

    -- What the server holds per UID (href, ETag) and the snapshot synced last time.
    CREATE TABLE caldav_objects (
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      uid TEXT NOT NULL,
      href TEXT NOT NULL,
      etag TEXT NOT NULL,
      PRIMARY KEY (workspace_id, uid)
    ) STRICT;
  `,
};
