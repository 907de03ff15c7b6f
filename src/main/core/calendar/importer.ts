/**
 * Import: a preview first (what each post would become, nothing written), then one transaction
 * that applies it with the person's per-field choices, keeps every replaced version in the
 * post's history, records the exchange base, and can be undone as a whole.
 */
import { AppFailure } from '../../../shared/result';
import type { ImportPreview, ImportResult, MergeChoice, RowProblem } from '../../../shared/calendar/schemas';
import { planMerge, type MergePlan } from '../../../shared/calendar/merge';
import { snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import type { Db } from '../store/database';
import type { ExchangeRepository } from '../repositories/exchange';
import type { HistoryRepository } from '../repositories/history';
import { applyImport } from './import-apply';
import { EMPTY_DRAFT_CONTENT, type DraftContent } from '../../../shared/publishing';

/** A text's first line (what a preview titles an item with). */
const firstLine = (text: string): string => {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
};

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
        // What the post will be: the file's version, or ours when it stays as it is (the file's may be older).
        const shown = i.plan.change === 'unchanged' ? (i.mine ?? i.theirs) : (i.theirs ?? i.mine);
        return {
          uid: i.uid,
          draftId: i.mine ? i.localId : null,
          title: firstLine(shown?.text ?? '').slice(0, 140),
          at: shown?.at ?? null,
          change: i.plan.change,
          newer: i.plan.newer,
          keptMine: i.plan.keptMine,
          fields: i.plan.fields,
        };
      }),
      rowProblems: s.rowProblems,
      counts,
    };
  }

  /** All or nothing; returns what was done (see import-apply.ts). */
  apply(s: StagedImport, choices: readonly MergeChoice[], includeDeletes: boolean, author: string): ImportResult {
    const replanned = (draftId: string, before: PostSnapshot, after: PostSnapshot) => this.replanned(draftId, before, after);
    return applyImport({ db: this.db, exchange: this.exchange, history: this.history, now: this.now, replanned }, s, choices, includeDeletes, author);
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
