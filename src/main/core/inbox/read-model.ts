/**
 * The inbox's read model: one list per workspace across all its accounts, in ONE query per page
 * (the page is chosen on the inbox rows alone, then joined with its accounts, people and flags); the items themselves come
 * from the board's read model in one query per account of the page (never one per item).
 * A snooze whose time passed reads as "to handle" and comes back on top at its wake-up time.
 */
import type { BoardItem } from '../../../shared/board/schemas';
import type { ItemFlag } from '../../../shared/charter/schema';
import { fold } from '../../../shared/charter/normalize';
import type { Network } from '../../../shared/domain';
import type { InboxCounts, InboxEntry, InboxFilter, InboxKind, InboxState } from '../../../shared/inbox/schemas';
import { toIso } from '../clock';
import type { Db } from '../store/database';
import { ACTOR_COLUMNS, rowActor, type BoardReadModel } from '../streams/read-model';

type Row = Record<string, string | number | null>;

/** The state a person sees: a snooze past its time is to handle again. */
const EFFECTIVE = `CASE WHEN x.state = 'snoozed' AND x.snoozed_until <= @now THEN 'to_handle' ELSE x.state END`;
/** The order within a state (newest first; snoozes: soonest back first; expired snoozes at their wake-up time). */
const SORT = `CASE WHEN x.state = 'snoozed' AND x.snoozed_until > @now THEN -x.snoozed_until
  WHEN x.state = 'snoozed' THEN x.snoozed_until WHEN x.state = 'done' THEN coalesce(x.done_at, x.arrived_at) ELSE x.arrived_at END`;

/** Filters on the inbox rows alone (no join): the page is chosen first, its people and items joined after. */
const FILTERS = `x.workspace_id = @workspaceId
  AND x.account_id IN (SELECT id FROM accounts WHERE workspace_id = @workspaceId AND removed_at IS NULL
                       AND (@networks IS NULL OR network IN (SELECT value FROM json_each(@networks))))
  AND (x.kind != 'follow' OR @follows = 1)
  AND (@accounts IS NULL OR x.account_id IN (SELECT value FROM json_each(@accounts)))
  AND (@kinds IS NULL OR x.kind IN (SELECT value FROM json_each(@kinds)))
  AND (@languages IS NULL OR (SELECT json_extract(i.body, '$.language') FROM items i WHERE i.id = x.item_id) IN (SELECT value FROM json_each(@languages)))
  AND (@flagged IS NULL OR EXISTS (SELECT 1 FROM item_flags f WHERE f.workspace_id = x.workspace_id AND f.item_id = x.item_id) = @flagged)
  AND (@text IS NULL OR instr(inbox_fold(coalesce((SELECT json_extract(i.body, '$.text') FROM items i WHERE i.id = x.item_id), '')
         || ' ' || (SELECT a.display_name || ' @' || a.handle FROM actors a WHERE a.id = x.actor_id)), @text) > 0)`;

/**
 * The items a reply from Tribune is on its way to (a target publishing, scheduled or held: not
 * gone yet), for @workspaceId. Starts from the targets still to go, so it reads few rows.
 */
export const WAITING_REPLIES = `SELECT DISTINCT json_extract(d.content, '$.replyTo.itemId') AS item_id
  FROM post_targets t JOIN drafts d ON d.id = t.draft_id
  WHERE t.status IN ('pending', 'claimed', 'held') AND d.workspace_id = @workspaceId
    AND json_extract(d.content, '$.replyTo.itemId') IS NOT NULL`;

export interface InboxQuery {
  workspaceId: string;
  state: InboxState;
  filter: InboxFilter;
  before: string | null;
  limit: number;
  now: number;
}

const filterParams = (q: { workspaceId: string; filter: InboxFilter; now: number }, follows: boolean) => ({
  workspaceId: q.workspaceId,
  follows: follows ? 1 : 0,
  now: q.now,
  accounts: q.filter.accountIds?.length ? JSON.stringify(q.filter.accountIds) : null,
  networks: q.filter.networks?.length ? JSON.stringify(q.filter.networks) : null,
  kinds: q.filter.kinds?.length ? JSON.stringify(q.filter.kinds) : null,
  languages: q.filter.languages?.length ? JSON.stringify(q.filter.languages) : null,
  flagged: q.filter.flagged === undefined ? null : q.filter.flagged ? 1 : 0,
  text: q.filter.text ? fold(q.filter.text.trim()) : null,
});

/** Cursors are "<sort value>|<id>": the sort value is an instant (or minus one), ids break ties. */
const parseCursor = (cursor: string | null): { s: number; id: string } | null => {
  if (!cursor) return null;
  const [s, id] = cursor.split('|');
  return s !== undefined && id !== undefined && Number.isFinite(Number(s)) ? { s: Number(s), id } : null;
};

export class InboxReadModel {
  private readonly s;

  constructor(
    db: Db,
    private readonly board: BoardReadModel,
  ) {
    // The search folds both sides as the charter does: "CAMPING-CAR" finds "camping-car", "ete" finds "été".
    db.function('inbox_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : null));
    this.s = {
      page: db.prepare<Row, Row>(
        `WITH waiting AS (${WAITING_REPLIES}),
         page AS (
           SELECT x.id AS x_id, x.account_id, x.kind, x.item_id, x.actor_id, x.snoozed_until, x.arrived_at, x.done_at, x.first_reply_at,
             ${EFFECTIVE} AS eff, ${SORT} AS sort_value
           FROM inbox_items x
           WHERE ${FILTERS} AND ${EFFECTIVE} = @state
             AND (@cs IS NULL OR ${SORT} < @cs OR (${SORT} = @cs AND x.id < @cid))
           ORDER BY sort_value DESC, x.id DESC LIMIT @limit)
         SELECT page.*, acc.network AS x_network, ${ACTOR_COLUMNS('p')},
           (page.first_reply_at IS NULL AND page.item_id IN (SELECT item_id FROM waiting)) AS reply_waiting,
           (SELECT json_group_array(json_object('ruleId', f.rule_id, 'ruleName', f.rule_name, 'severity', f.severity, 'action', f.action, 'matched', f.matched))
              FROM item_flags f WHERE f.workspace_id = @workspaceId AND f.item_id = page.item_id) AS flags
         FROM page JOIN accounts acc ON acc.id = page.account_id JOIN actors p ON p.id = page.actor_id
         ORDER BY page.sort_value DESC, page.x_id DESC`,
      ),
      counts: db.prepare<Row, { eff: InboxState; n: number; flagged: number }>(
        `SELECT ${EFFECTIVE} AS eff, count(*) AS n,
           sum(EXISTS (SELECT 1 FROM item_flags f WHERE f.workspace_id = x.workspace_id AND f.item_id = x.item_id)) AS flagged
         FROM inbox_items x WHERE ${FILTERS} GROUP BY eff`,
      ),
      follows: db.prepare<[string], { include_follows: number }>('SELECT include_follows FROM inbox_settings WHERE workspace_id = ?'),
    };
  }

  list(q: InboxQuery): { entries: InboxEntry[]; nextCursor: string | null } {
    const cursor = parseCursor(q.before);
    const rows = this.s.page.all({ ...filterParams(q, this.follows(q.workspaceId)), state: q.state, cs: cursor?.s ?? null, cid: cursor?.id ?? null, limit: q.limit });
    // The items as each inbox row's account sees them: one query per account on the page.
    const byAccount = new Map<string, string[]>();
    for (const r of rows) if (r.item_id) byAccount.set(r.account_id as string, [...(byAccount.get(r.account_id as string) ?? []), r.item_id as string]);
    const items = new Map<string, BoardItem>();
    for (const [accountId, ids] of byAccount) for (const [id, item] of this.board.items(ids, accountId, q.workspaceId)) items.set(`${accountId}:${id}`, item);
    const entries = rows.map((r): InboxEntry => ({
      id: r.x_id as string,
      accountId: r.account_id as string,
      network: r.x_network as Network,
      kind: r.kind as InboxKind,
      state: r.eff as InboxState,
      snoozedUntil: r.eff === 'snoozed' ? toIso(r.snoozed_until as number) : null,
      arrivedAt: toIso(r.arrived_at as number),
      doneAt: r.done_at === null ? null : toIso(r.done_at as number),
      firstReplyAt: r.first_reply_at === null ? null : toIso(r.first_reply_at as number),
      replyWaiting: r.reply_waiting === 1,
      actor: rowActor(r, 'p')!,
      item: r.item_id ? (items.get(`${r.account_id as string}:${r.item_id as string}`) ?? null) : null,
      flags: JSON.parse((r.flags as string | null) ?? '[]') as ItemFlag[],
      cursor: `${r.sort_value as number}|${r.x_id as string}`,
    }));
    return { entries, nextCursor: rows.length === q.limit ? entries[entries.length - 1]!.cursor : null };
  }

  private follows(workspaceId: string): boolean {
    return this.s.follows.get(workspaceId)?.include_follows === 1;
  }

  /** How many items each state holds (the rail's badge: to handle), and how many to handle are flagged. */
  counts(workspaceId: string, now: number, filter: InboxFilter = {}): InboxCounts {
    const counts: InboxCounts = { toHandle: 0, snoozed: 0, done: 0, flagged: 0 };
    for (const r of this.s.counts.all(filterParams({ workspaceId, filter, now }, this.follows(workspaceId)))) {
      if (r.eff === 'to_handle') {
        counts.toHandle = r.n;
        counts.flagged = r.flagged;
      } else if (r.eff === 'snoozed') counts.snoozed = r.n;
      else counts.done = r.n;
    }
    return counts;
  }
}
