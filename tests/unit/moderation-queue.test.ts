/**
 * The moderation queue in a real SQLite file: an action being sent when the app stopped goes
 * again after a restart (never lost), the cache keeps the posts an action still has to send,
 * and lets them go once it went.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModerationQueue } from '../../src/main/core/moderation/queue';
import { openStore } from '../../src/main/core/store/database';
import { pruneCache } from '../../src/main/core/streams/retention';
import { DEFAULT_RETENTION } from '../../src/shared/board/schemas';
import { manualClock, tempDir } from '../helpers/temp';

const WS = '11111111-1111-4111-8111-111111111111';
const ACCOUNT = '33333333-3333-4333-8333-333333333333';
const DAY = 24 * 60 * 60_000;

async function open(file: string) {
  return (await openStore({ file, backupDir: path.join(path.dirname(file), 'b'), clock: manualClock() })).db;
}

describe('moderation queue', () => {
  it('survives a restart mid-send and holds its posts in the cache until they went', async () => {
    const file = path.join(tempDir(), 't.sqlite3');
    const db = await open(file);
    db.prepare("INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, 'Mairie', '#2563eb', 'Europe/Paris', 1)").run(WS);
    db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, avatar_url, health, created_at) VALUES (?, ?, 'bluesky', 'mairie.test', 'Mairie', NULL, 'ok', 1)").run(ACCOUNT, WS);
    db.prepare("INSERT INTO actors (id, network, remote_id, handle, display_name, updated_at) VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bluesky', 'did:plc:bob', 'bob.test', 'Bob', 0)").run();
    for (const [id, uri] of [
      ['bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'at://did:plc:bob/app.bsky.feed.post/1'],
      ['cccccccc-cccc-4ccc-8ccc-cccccccccccc', 'at://did:plc:bob/app.bsky.feed.post/2'],
    ]) {
      db.prepare("INSERT INTO items (id, network, uri, author_id, created_at, body, fetched_at) VALUES (?, 'bluesky', ?, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 0, '{}', 0)").run(id, uri);
    }
    const queue = new ModerationQueue(db);
    const id = queue.add({ workspaceId: WS, accountId: ACCOUNT, itemId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', action: 'hide_reply', ruleId: 'insultes', report: null, attempts: 0 }, 0, 0, null);
    queue.sending(id, 1);
    db.close();

    // Stopped while sending: after the restart it waits again, with its rule.
    const again = await open(file);
    const reopened = new ModerationQueue(again);
    expect(reopened.pending()).toMatchObject([{ id, action: 'hide_reply', ruleId: 'insultes', attempts: 1 }]);
    // Two days later the cache lets old posts go, but not the one the action still has to send.
    pruneCache(again, DEFAULT_RETENTION, 2 * DAY);
    const items = () => again.prepare<[], { id: string }>('SELECT id FROM items ORDER BY id').all().map((r) => r.id);
    expect(items()).toEqual(['bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb']);
    reopened.settle(id, 'done', null, 2 * DAY);
    pruneCache(again, DEFAULT_RETENTION, 2 * DAY);
    expect(items()).toEqual([]);
    expect(reopened.pendingCount()).toBe(0);
    again.close();
  });
});
