import type { Migration } from './types';

/**
 * Version 4: states as data. A held target says why in `hold_reason` (an enum, never an error
 * text): missed (the person decides), offline (goes by itself when the connection is back),
 * reconnect_needed (goes after the account is reconnected), invalid (blocked by a publishing
 * rule; `hold_problems` holds the problems' codes as JSON), awaiting_approval (reserved).
 * `last_error` keeps only what a server said. A sent target keeps when it went (`sent_at`).
 * A post remembers how it was planned (`plan_rule`: 'at' an instant, 'queue' each account's
 * next free slot), so an account added later is planned the same way.
 * Posts left in Scheduled with no open target (a crash between two writes of version 3) are
 * repaired here, and again at every start.
 */
export const migration004: Migration = {
  version: 4,
  name: 'target-holds',
  up: `
    ALTER TABLE post_targets ADD COLUMN hold_reason TEXT
      CHECK (hold_reason IN ('missed', 'offline', 'reconnect_needed', 'invalid', 'awaiting_approval'));
    ALTER TABLE post_targets ADD COLUMN hold_problems TEXT;
    ALTER TABLE post_targets ADD COLUMN sent_at INTEGER;
    ALTER TABLE drafts ADD COLUMN plan_rule TEXT CHECK (plan_rule IN ('at', 'queue'));

    UPDATE post_targets
      SET hold_reason = CASE WHEN last_error IN ('offline', 'reconnect_needed') THEN last_error ELSE 'missed' END,
          last_error = CASE WHEN last_error IN ('offline', 'reconnect_needed') THEN NULL ELSE last_error END
      WHERE status = 'held';
    UPDATE post_targets SET sent_at = updated_at WHERE status = 'sent';
    UPDATE drafts SET plan_rule = CASE WHEN scheduled_at IS NULL THEN 'queue' ELSE 'at' END WHERE state <> 'draft';
    UPDATE drafts SET state = 'done'
      WHERE state = 'scheduled'
        AND EXISTS (SELECT 1 FROM post_targets t WHERE t.draft_id = drafts.id)
        AND NOT EXISTS (SELECT 1 FROM post_targets t WHERE t.draft_id = drafts.id AND t.status IN ('pending', 'claimed', 'held'));

    CREATE INDEX post_targets_held ON post_targets (hold_reason, account_id) WHERE status = 'held';
  `,
};
