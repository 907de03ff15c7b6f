/**
 * Import: a preview first (what each post would become, nothing written), then one transaction
 * that applies it with the person's per-field choices, keeps every replaced version in the
 * post's history, records the exchange base, and can be undone as a whole.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { ImportPreview, ImportResult, MergeChoice, RowProblem } from '../../../shared/calendar/schemas';
import { planMerge, resolvePlan, type MergePlan } from '../../../shared/calendar/merge';
import { snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import type { Db } from '../store/database';
import type { ExchangeRepository } from '../repositories/exchange';
import type { HistoryRepository } from '../repositories/history';
import { EMPTY_DRAFT_CONTENT, type DraftContent } from '../../../shared/publishing';

export type ImportSource = 'ics' | 'csv' | 'bundle' | 'caldav';

export interface StagedItem {
  uid: string;
  plan: MergePlan;
  mine: PostSnapshot | null;
  mineKey: string | null;
  /** The local row for this UID (maybe in the bin). */
  localId: string | null;
  theirs: PostSnapshot | null;
}

export interface StagedImport {
  importId: string;
  workspaceId: string;
  format: ImportPreview['format'];
  source: ImportSource;
  fileName: string;
  items: StagedItem[];
  rowProblems: RowProblem[];
  /** Runs inside the apply transaction (bundle media rows, CalDAV ETags). */
  beforeCommit?: (applied: Map<string, PostSnapshot | 'delete' | null>) => void;
}

/** Deletions: 'none' (a partial file), a range (posts of the base in it but absent were deleted), or 'all' (a whole collection). */
export type DeletionScope = 'none' | 'all' | { from: number; to: number } | { uids: ReadonlySet<string> };

/** Publishing's re-planning of a post an import rewrote (its queue jobs follow), in the import's transaction. */
export type ImportReplan = (draftId: string, change: { before: DraftContent; movedTo: number | null; timeZone: string | null }) => void;

export class Importer {
  constructor(
    private readonly db: Db,
    private readonly exchange: ExchangeRepository,
    private readonly history: HistoryRepository,
    private readonly now: () => number,
    private readonly replan: ImportReplan | null = null,
  ) {}

  /** After rewriting a post we had: a scheduled one is re-planned (moved, or its new content). */
  private replanned(draftId: string, before: PostSnapshot, after: PostSnapshot): void {
    if (!this.replan || (before.at === after.at && snapshotKey(before) === snapshotKey(after))) return;
    const movedTo = after.at !== null && after.at !== before.at ? Date.parse(after.at) : null;
    this.replan(draftId, { before: before.content ?? EMPTY_DRAFT_CONTENT, movedTo, timeZone: after.timeZone });
  }

  /** Classifies every incoming post (and the deletions in scope) against ours and the base. */
  stage(workspaceId: string, incoming: readonly PostSnapshot[], deletions: DeletionScope): StagedItem[] {
    const locals = this.exchange.allByUid(workspaceId);
    const bases = this.exchange.bases(workspaceId);
    const items: StagedItem[] = [];
    const seen = new Set<string>();
    const item = (uid: string, theirs: PostSnapshot | null): StagedItem => {
      const local = locals.get(uid);
      const mine = local && !local.deleted ? local.snapshot : null;
      const plan = planMerge({ uid, mine, mineDeleted: Boolean(local?.deleted) || (!local && bases.has(uid)), theirs, base: bases.get(uid) ?? null });
      return { uid, plan, mine, mineKey: mine ? snapshotKey(mine) : null, localId: local?.snapshot.id ?? null, theirs };
    };
    for (const theirs of incoming) {
      seen.add(theirs.uid);
      items.push(item(theirs.uid, theirs));
    }
    if (deletions !== 'none') {
      for (const [uid, base] of bases) {
        if (seen.has(uid)) continue;
        if (typeof deletions === 'object' && 'uids' in deletions) {
          if (!deletions.uids.has(uid)) continue;
        } else if (deletions !== 'all') {
          const at = base.at === null ? null : Date.parse(base.at);
          if (at === null || at < deletions.from || at >= deletions.to) continue;
        }
        const staged = item(uid, null);
        if (staged.plan.change !== 'unchanged') items.push(staged);
      }
    }
    return items;
  }

  static preview(s: StagedImport): ImportPreview {
    const counts = { new: 0, changed: 0, unchanged: 0, conflict: 0, deleted: 0, refused: s.rowProblems.length };
    for (const i of s.items) counts[i.plan.change]++;
    return {
      importId: s.importId,
      workspaceId: s.workspaceId,
      format: s.format,
      fileName: s.fileName,
      items: s.items.map((i) => {
        const shown = i.theirs ?? i.mine;
        return {
          uid: i.uid,
          draftId: i.mine ? i.localId : null,
          title: (shown?.text ?? '').split('\n')[0]!.slice(0, 140),
          at: shown?.at ?? null,
          change: i.plan.change,
          newer: i.plan.newer,
          fields: i.plan.fields,
        };
      }),
      rowProblems: s.rowProblems,
      counts,
    };
  }

  /** All or nothing; returns what was done. */
  apply(s: StagedImport, choices: readonly MergeChoice[], includeDeletes: boolean, author: string): ImportResult {
    const byUid = new Map(choices.map((c) => [c.uid, c]));
    const result: ImportResult = { batchId: null, created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
    const now = this.now();
    const batchId = randomUUID();
    this.db.transaction(() => {
      this.exchange.startBatch();
      const locals = this.exchange.allByUid(s.workspaceId);
      const bases = this.exchange.bases(s.workspaceId);
      const applied = new Map<string, PostSnapshot | 'delete' | null>();
      // Ids a new post cannot keep (used by a post, maybe in another workspace), read once; the import's own new posts join them.
      const asked = new Set(s.items.flatMap((i) => (i.theirs && !locals.has(i.uid) ? [i.theirs.id] : [])));
      const taken = this.exchange.takenIds([...asked]);
      this.history.addBatch({ id: batchId, workspaceId: s.workspaceId, source: s.source, fileName: s.fileName, now, summary: { created: 0, updated: 0, deleted: 0 } });
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
          this.history.add({ draftId: local!.snapshot.id, workspaceId: s.workspaceId, batchId, action: 'import_deleted', author, snapshot: { post: current, base: oldBase }, now });
          this.exchange.softDelete(local!.snapshot.id, now);
          result.deleted++;
        } else if (local) {
          this.history.add({ draftId: local.snapshot.id, workspaceId: s.workspaceId, batchId, action: 'import_updated', author, snapshot: { post: current, base: oldBase }, now });
          this.exchange.write(s.workspaceId, local.snapshot.id, outcome, now, false);
          if (current) this.replanned(local.snapshot.id, current, outcome);
          if (current) result.updated++;
          else result.created++;
        } else {
          const free = asked.has(outcome.id) ? !taken.has(outcome.id) : this.exchange.idFree(outcome.id);
          const id = free ? outcome.id : randomUUID();
          taken.add(id);
          this.history.add({ draftId: id, workspaceId: s.workspaceId, batchId, action: 'import_created', author, snapshot: { post: null, base: oldBase }, now });
          this.exchange.write(s.workspaceId, id, outcome, now, true);
          result.created++;
        }
        // The base becomes what their side holds now (its deletion: no base).
        if (i.theirs && outcome !== 'delete') this.exchange.putBase(s.workspaceId, i.theirs);
        else if (!i.theirs && outcome === 'delete') this.exchange.deleteBase(s.workspaceId, i.uid);
      }
      s.beforeCommit?.(applied);
      const changed = result.created + result.updated + result.deleted;
      if (changed > 0) {
        this.history.setSummary(batchId, { created: result.created, updated: result.updated, deleted: result.deleted });
        result.batchId = batchId;
      }
    })();
    // A batch that changed nothing is not worth an undo entry.
    if (result.batchId === null) this.db.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
    return result;
  }

  /** Puts back every post the batch created, replaced or deleted, newest change first. */
  undo(batchId: string, author: string): ImportResult {
    const batch = this.history.batch(batchId);
    if (!batch) throw new AppFailure('import_not_found', 'This import was not found.');
    if (batch.undoneAt) throw new AppFailure('import_already_undone', 'This import was already undone.');
    const result: ImportResult = { batchId, created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
    const now = this.now();
    this.db.transaction(() => {
      this.exchange.startBatch();
      const locals = new Map([...this.exchange.allByUid(batch.workspaceId).values()].map((l) => [l.snapshot.id, l]));
      for (const row of this.history.batchRows(batchId)) {
        const saved = row.snapshot as { post: PostSnapshot | null; base: PostSnapshot | null };
        const local = locals.get(row.draftId);
        if (local) {
          this.history.add({ draftId: row.draftId, workspaceId: batch.workspaceId, batchId: null, action: 'undo', author, snapshot: { post: local.snapshot, base: null }, now });
        }
        if (row.action === 'import_created' || row.action === 'sync_created') {
          if (local) this.exchange.hardDelete(row.draftId);
          result.deleted++;
        } else if (saved.post) {
          this.exchange.write(batch.workspaceId, row.draftId, saved.post, now, !local);
          if (local && !local.deleted) this.replanned(row.draftId, local.snapshot, saved.post);
          result.updated++;
        }
        const uid = saved.post?.uid ?? local?.snapshot.uid;
        if (uid) {
          if (saved.base) this.exchange.putBase(batch.workspaceId, saved.base);
          else this.exchange.deleteBase(batch.workspaceId, uid);
        }
      }
      if (!this.history.markUndone(batchId, now)) throw new AppFailure('import_already_undone', 'This import was already undone.');
    })();
    return result;
  }
}
