/**
 * The cache's retention (Settings > Board): each column keeps its newest entries up to its cap;
 * past the total cap, the items fetched longest ago go (their entries with them); items no
 * column, thread, pending action or open inbox item refers to go after a day; actors nobody
 * refers to (items, entries, inbox, notes) go too.
 */
import type { BoardRetention } from '../../../shared/board/schemas';
import type { Db } from '../store/database';

const DAY_MS = 86_400_000;

export function pruneCache(db: Db, retention: BoardRetention, now: number): { entries: number; items: number; actors: number } {
  return db.transaction(() => {
    let entries = 0;
    for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM board_columns WHERE account_id IS NOT NULL').all()) {
      entries += db
        .prepare(
          `DELETE FROM column_entries WHERE column_id = @id AND sort_key < (
             SELECT sort_key FROM column_entries WHERE column_id = @id ORDER BY sort_key DESC LIMIT 1 OFFSET @keep)`,
        )
        .run({ id, keep: retention.maxItemsPerColumn - 1 }).changes;
    }
    // Items an action (the board's or moderation's) still has to send.
    const busy = "SELECT item_id FROM board_actions WHERE state IN ('pending', 'sending') UNION SELECT item_id FROM moderation_queue WHERE state IN ('pending', 'sending')";
    const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items').get()!.n;
    let items = 0;
    if (total > retention.maxItemsTotal) {
      items += db.prepare(`DELETE FROM items WHERE id IN (SELECT id FROM items WHERE id NOT IN (${busy}) ORDER BY fetched_at LIMIT ?)`).run(total - retention.maxItemsTotal).changes;
    }
    items += db
      .prepare(
        `DELETE FROM items WHERE fetched_at < ? AND id NOT IN (SELECT item_id FROM column_entries WHERE item_id IS NOT NULL)
           AND id NOT IN (SELECT item_id FROM item_threads) AND id NOT IN (${busy})
           AND id NOT IN (SELECT item_id FROM inbox_items WHERE item_id IS NOT NULL AND state != 'done')`,
      )
      .run(now - DAY_MS).changes;
    const actors = db
      .prepare(
        `DELETE FROM actors WHERE id NOT IN (SELECT author_id FROM items) AND id NOT IN (SELECT actor_id FROM column_entries WHERE actor_id IS NOT NULL)
           AND id NOT IN (SELECT actor_id FROM inbox_items) AND id NOT IN (SELECT actor_id FROM person_notes)`,
      )
      .run().changes;
    db.prepare("DELETE FROM board_actions WHERE state IN ('done', 'failed') AND updated_at < ?").run(now - 7 * DAY_MS);
    return { entries, items, actors };
  })();
}
