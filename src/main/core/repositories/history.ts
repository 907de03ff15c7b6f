import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { ImportBatch, PostRevision } from '../../../shared/calendar/schemas';

export type HistoryAction = PostRevision['action'];

interface HistoryRow {
  id: number;
  draft_id: string;
  workspace_id: string;
  batch_id: string | null;
  action: HistoryAction;
  author: string;
  snapshot: string | null;
  created_at: number;
}

/** One row of a post's history: the version replaced (`snapshot`), null when nothing is kept. */
export interface HistoryEntry {
  draftId: string;
  workspaceId: string;
  batchId: string | null;
  action: HistoryAction;
  author: string;
  snapshot: unknown;
  now: number;
}

export interface BatchSummary {
  created: number;
  updated: number;
  deleted: number;
}

/** A post's history (every version an import or a sync replaced) and the import batches that can be undone. */
export class HistoryRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      add: db.prepare('INSERT INTO post_history (draft_id, workspace_id, batch_id, action, author, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      forDraft: db.prepare<[string], HistoryRow>('SELECT * FROM post_history WHERE draft_id = ? ORDER BY id DESC'),
      forBatch: db.prepare<[string], HistoryRow>('SELECT * FROM post_history WHERE batch_id = ? ORDER BY id DESC'),
      addBatch: db.prepare('INSERT INTO import_batches (id, workspace_id, source, file_name, created_at, summary) VALUES (?, ?, ?, ?, ?, ?)'),
      batch: db.prepare<[string], { id: string; workspace_id: string; source: string; file_name: string; created_at: number; undone_at: number | null; summary: string }>(
        'SELECT * FROM import_batches WHERE id = ?',
      ),
      batches: db.prepare<[string], { id: string; workspace_id: string; source: string; file_name: string; created_at: number; undone_at: number | null; summary: string }>(
        'SELECT * FROM import_batches WHERE workspace_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 100',
      ),
      undoBatch: db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ? AND undone_at IS NULL'),
      setSummary: db.prepare('UPDATE import_batches SET summary = ? WHERE id = ?'),
    };
  }

  add(r: HistoryEntry): void {
    this.s.add.run(r.draftId, r.workspaceId, r.batchId, r.action, r.author, r.snapshot === null ? null : JSON.stringify(r.snapshot), r.now);
  }

  /** Rows in this order (their ids follow it). */
  addMany(rows: readonly HistoryEntry[]): void {
    for (const r of rows) this.add(r);
  }

  forDraft(draftId: string): PostRevision[] {
    return this.s.forDraft.all(draftId).map((r) => ({
      id: r.id,
      draftId: r.draft_id,
      action: r.action,
      author: r.author,
      batchId: r.batch_id,
      text: r.snapshot ? replacedText(JSON.parse(r.snapshot) as { post?: { text?: string } | null; text?: string }) : null,
      createdAt: toIso(r.created_at),
    }));
  }

  /** A batch's rows, newest first (the order an undo walks them). */
  batchRows(batchId: string): { draftId: string; action: HistoryAction; snapshot: unknown }[] {
    return this.s.forBatch.all(batchId).map((r) => ({ draftId: r.draft_id, action: r.action, snapshot: r.snapshot ? JSON.parse(r.snapshot) : null }));
  }

  addBatch(b: { id: string; workspaceId: string; source: ImportBatch['source']; fileName: string; now: number; summary: BatchSummary }): void {
    this.s.addBatch.run(b.id, b.workspaceId, b.source, b.fileName, b.now, JSON.stringify(b.summary));
  }

  setSummary(id: string, summary: BatchSummary): void {
    this.s.setSummary.run(JSON.stringify(summary), id);
  }

  batch(id: string): ImportBatch | null {
    const r = this.s.batch.get(id);
    return r ? toBatch(r) : null;
  }

  batches(workspaceId: string): ImportBatch[] {
    return this.s.batches.all(workspaceId).map(toBatch);
  }

  markUndone(id: string, now: number): boolean {
    return this.s.undoBatch.run(now, id).changes > 0;
  }
}

function toBatch(r: { id: string; workspace_id: string; source: string; file_name: string; created_at: number; undone_at: number | null; summary: string }): ImportBatch {
  const summary = JSON.parse(r.summary) as BatchSummary;
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    source: r.source as ImportBatch['source'],
    fileName: r.file_name,
    createdAt: toIso(r.created_at),
    undoneAt: r.undone_at === null ? null : toIso(r.undone_at),
    created: summary.created,
    updated: summary.updated,
    deleted: summary.deleted,
  };
}

/** Rows keep { post, base } (the replaced post, null when it did not exist, and the exchange base of the time). */
function replacedText(snapshot: { post?: { text?: string } | null; text?: string }): string | null {
  if ('post' in snapshot) return snapshot.post?.text ?? null;
  return snapshot.text ?? null;
}
