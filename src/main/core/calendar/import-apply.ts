/**
 * Applying a staged import in one transaction. New posts (most of a first import) are queued and
 * written table by table: SQLite inserts 10,000 rows of one table in a row about a quarter faster
 * than the same rows interleaved across posts, history and bases. The queue is written before
 * anything else touches the database (an update, a deletion, a base removal, the caller's hook),
 * so every table receives its rows in the order of the items, as if each were written at once.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { ImportBatch, ImportResult, MergeChoice } from '../../../shared/calendar/schemas';
import { resolvePlan, type MergePlan } from '../../../shared/calendar/merge';
import { snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import type { Db } from '../store/database';
import type { ExchangeRepository, NewPost } from '../repositories/exchange';
import type { HistoryRepository, HistoryEntry } from '../repositories/history';

/** What applying reads of a staged import (importer.ts's StagedImport). */
export interface ApplyInput {
  workspaceId: string;
  source: ImportBatch['source'];
  fileName: string;
  items: readonly { uid: string; plan: MergePlan; mine: PostSnapshot | null; mineKey: string | null; theirs: PostSnapshot | null }[];
  /** Runs inside the apply transaction (bundle media rows, CalDAV ETags). */
  beforeCommit?: (applied: Map<string, PostSnapshot | 'delete' | null>) => void;
}

export interface ApplyDeps {
  db: Db;
  exchange: ExchangeRepository;
  history: HistoryRepository;
  now: () => number;
  /** Publishing's re-planning of a post the import rewrote. */
  replanned: (draftId: string, before: PostSnapshot, after: PostSnapshot) => void;
}

/** What a created post's history row keeps: nothing existed before. */
const CREATED = { post: null, base: null } as const;

/** Rows of new posts waiting to be written, each table's in item order. */
class Pending {
  history: HistoryEntry[] = [];
  posts: NewPost[] = [];
  bases: PostSnapshot[] = [];

  constructor(
    private readonly d: ApplyDeps,
    private readonly workspaceId: string,
    private readonly now: number,
  ) {}

  flush(): void {
    if (this.history.length > 0) this.d.history.addMany(this.history);
    if (this.posts.length > 0) this.d.exchange.createMany(this.workspaceId, this.posts, this.now);
    if (this.bases.length > 0) this.d.exchange.putBases(this.workspaceId, this.bases);
    this.history = [];
    this.posts = [];
    this.bases = [];
  }
}

/** All or nothing; returns what was done. */
export function applyImport(d: ApplyDeps, s: ApplyInput, choices: readonly MergeChoice[], includeDeletes: boolean, author: string): ImportResult {
  const byUid = new Map(choices.map((c) => [c.uid, c]));
  const result: ImportResult = { batchId: null, created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
  const now = d.now();
  const batchId = randomUUID();
  const ws = s.workspaceId;
  d.db.transaction(() => {
    d.exchange.startBatch();
    const locals = d.exchange.allByUid(ws);
    const bases = d.exchange.bases(ws);
    const applied = new Map<string, PostSnapshot | 'delete' | null>();
    // Ids a new post cannot keep (used by a post, maybe in another workspace), read once; the import's own new posts join them.
    const asked = new Set(s.items.flatMap((i) => (i.theirs && !locals.has(i.uid) ? [i.theirs.id] : [])));
    const taken = d.exchange.takenIds([...asked]);
    d.history.addBatch({ id: batchId, workspaceId: ws, source: s.source, fileName: s.fileName, now, summary: { created: 0, updated: 0, deleted: 0 } });
    const pending = new Pending(d, ws, now);
    for (const i of s.items) {
      const local = locals.get(i.uid);
      const current = local && !local.deleted ? local.snapshot : null;
      if ((current ? snapshotKey(current) : null) !== i.mineKey) {
        throw new AppFailure('import_changed_meanwhile', 'Posts changed since the preview.', { uid: i.uid });
      }
      const choice = byUid.get(i.uid);
      let outcome = resolvePlan(i.plan, i.mine, i.theirs, choice);
      if (outcome === 'delete' && !includeDeletes) outcome = null;
      applied.set(i.uid, outcome);
      const oldBase = bases.get(i.uid) ?? null;
      if (outcome === null) {
        if (choice?.skip) result.skipped++;
        else result.unchanged++;
      } else if (outcome === 'delete') {
        pending.flush();
        d.history.add({ draftId: local!.snapshot.id, workspaceId: ws, batchId, action: 'import_deleted', author, snapshot: { post: current, base: oldBase }, now });
        d.exchange.softDelete(local!.snapshot.id, now);
        result.deleted++;
      } else if (local) {
        pending.flush();
        d.history.add({ draftId: local.snapshot.id, workspaceId: ws, batchId, action: 'import_updated', author, snapshot: { post: current, base: oldBase }, now });
        d.exchange.write(ws, local.snapshot.id, outcome, now, false);
        if (current) d.replanned(local.snapshot.id, current, outcome);
        if (current) result.updated++;
        else result.created++;
      } else {
        // Every post this import created is in `taken`, written or still queued.
        const free = !taken.has(outcome.id) && (asked.has(outcome.id) || d.exchange.idFree(outcome.id));
        const id = free ? outcome.id : randomUUID();
        taken.add(id);
        pending.history.push({ draftId: id, workspaceId: ws, batchId, action: 'import_created', author, snapshot: oldBase ? { post: null, base: oldBase } : CREATED, now });
        pending.posts.push({ draftId: id, snapshot: outcome });
        result.created++;
      }
      // The base becomes what their side holds now (its deletion: no base).
      if (i.theirs && outcome !== 'delete') pending.bases.push(i.theirs);
      else if (!i.theirs && outcome === 'delete') {
        pending.flush();
        d.exchange.deleteBase(ws, i.uid);
      }
    }
    pending.flush();
    s.beforeCommit?.(applied);
    const changed = result.created + result.updated + result.deleted;
    if (changed > 0) {
      d.history.setSummary(batchId, { created: result.created, updated: result.updated, deleted: result.deleted });
      result.batchId = batchId;
    }
  })();
  // A batch that changed nothing is not worth an undo entry.
  if (result.batchId === null) d.db.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
  return result;
}
