/**
 * Merging a teammate's version of a post with ours, by UID. With a base (the version last
 * exchanged), a field changed on one side only takes that side; a field changed on both sides
 * differently is a conflict the person settles. Without a base, SEQUENCE then LAST-MODIFIED say
 * which side is newer. Comments are never lost: both sides' are kept. Pure.
 */
import type { ChangeKind, FieldDiff, MergeChoice } from './schemas';
import { displayField, fieldKey, SNAPSHOT_FIELDS, snapshotKey, withField, type PostSnapshot, type SnapshotField } from './snapshot';

export interface MergeInput {
  uid: string;
  /** Our post; null when we have none (never had it, or deleted it). */
  mine: PostSnapshot | null;
  /** Ours was deleted after the last exchange (it is in the bin or gone). */
  mineDeleted: boolean;
  /** Theirs; null when their side no longer has it. */
  theirs: PostSnapshot | null;
  base: PostSnapshot | null;
}

export interface MergePlan {
  uid: string;
  change: ChangeKind;
  newer: 'mine' | 'theirs' | 'same';
  fields: FieldDiff[];
  /** What applying without choices writes: a snapshot, 'delete', or null (nothing to do). */
  result: PostSnapshot | 'delete' | null;
  /** Fields the person has to choose (conflict). */
  conflicts: SnapshotField[];
  /** Unchanged although the two sides differ: ours stays (theirs is older, or only ours changed since the base). */
  keptMine: boolean;
}

/** Which side is newer by SEQUENCE, then LAST-MODIFIED. */
export function newerSide(mine: PostSnapshot, theirs: PostSnapshot): 'mine' | 'theirs' | 'same' {
  if (mine.sequence !== theirs.sequence) return mine.sequence > theirs.sequence ? 'mine' : 'theirs';
  if (mine.lastModified !== theirs.lastModified) return mine.lastModified > theirs.lastModified ? 'mine' : 'theirs';
  return 'same';
}

const unionComments = (a: PostSnapshot['comments'], b: PostSnapshot['comments']) => {
  const byId = new Map(a.map((c) => [c.id, c]));
  for (const c of b) if (!byId.has(c.id)) byId.set(c.id, c);
  return [...byId.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
};

const diffs = (base: PostSnapshot | null, mine: PostSnapshot | null, theirs: PostSnapshot | null, conflicts: readonly SnapshotField[] = []): FieldDiff[] =>
  SNAPSHOT_FIELDS.filter((f) => !mine || !theirs || fieldKey(mine, f) !== fieldKey(theirs, f)).map((field) => ({
    field,
    base: displayField(base, field),
    mine: displayField(mine, field),
    theirs: displayField(theirs, field),
    conflict: conflicts.includes(field),
  }));

/** Classifies one UID and computes what an import writes when the person makes no choice. */
export function planMerge(m: MergeInput): MergePlan {
  const { uid, mine, theirs, base } = m;
  if (!theirs) {
    // Deleted on their side.
    if (!mine) return { uid, change: 'unchanged', newer: 'same', fields: [], result: null, conflicts: [], keptMine: false };
    const mineChanged = !base || snapshotKey(mine) !== snapshotKey(base);
    const deleted = diffs(base, mine, null);
    const field: FieldDiff = { field: 'deleted', base: null, mine: 'no', theirs: 'yes', conflict: mineChanged };
    return mineChanged
      ? { uid, change: 'conflict', newer: 'mine', fields: [field, ...deleted], result: null, conflicts: [], keptMine: false }
      : { uid, change: 'deleted', newer: 'theirs', fields: [field], result: 'delete', conflicts: [], keptMine: false };
  }
  if (!mine) {
    if (m.mineDeleted && base && snapshotKey(theirs) === snapshotKey(base)) {
      // We deleted it and they did not change it: it stays deleted.
      return { uid, change: 'unchanged', newer: 'mine', fields: [], result: null, conflicts: [], keptMine: false };
    }
    return { uid, change: 'new', newer: 'theirs', fields: diffs(null, null, theirs), result: theirs, conflicts: [], keptMine: false };
  }
  const newer = newerSide(mine, theirs);
  if (snapshotKey(mine) === snapshotKey(theirs)) return { uid, change: 'unchanged', newer, fields: [], result: null, conflicts: [], keptMine: false };

  if (!base) {
    // Never exchanged: the newer side wins whole, comments of both are kept.
    if (newer === 'mine') return { uid, change: 'changed', newer, fields: diffs(null, mine, theirs), result: mergedComments(mine, theirs), conflicts: [], keptMine: false };
    return { uid, change: 'changed', newer: 'theirs', fields: diffs(null, mine, theirs), result: { ...theirs, comments: unionComments(mine.comments, theirs.comments) }, conflicts: [], keptMine: false };
  }

  let result: PostSnapshot = { ...mine };
  const conflicts: SnapshotField[] = [];
  for (const field of SNAPSHOT_FIELDS) {
    if (field === 'comments') continue;
    const b = fieldKey(base, field);
    const mk = fieldKey(mine, field);
    const tk = fieldKey(theirs, field);
    if (mk === tk || tk === b) continue; // same on both sides, or only mine changed
    if (mk === b) result = withField(result, theirs, field); // only theirs changed
    else conflicts.push(field);
  }
  result = { ...result, comments: unionComments(mine.comments, theirs.comments), sequence: Math.max(mine.sequence, theirs.sequence) };
  const fields = diffs(base, mine, theirs, conflicts);
  if (conflicts.length > 0) return { uid, change: 'conflict', newer, fields, result, conflicts, keptMine: false };
  const changed = snapshotKey(result) !== snapshotKey(mine);
  // Unchanged here means theirs brought nothing new: the two sides differ (they were not equal above), ours stays.
  return { uid, change: changed ? 'changed' : 'unchanged', newer, fields: changed ? fields : [], result: changed ? result : null, conflicts, keptMine: !changed };
}

function mergedComments(mine: PostSnapshot, theirs: PostSnapshot): PostSnapshot | null {
  const comments = unionComments(mine.comments, theirs.comments);
  return comments.length === mine.comments.length ? null : { ...mine, comments };
}

/** The snapshot to write for a plan once the person chose per field (unlisted conflicting fields keep mine). */
export function resolvePlan(plan: MergePlan, mine: PostSnapshot | null, theirs: PostSnapshot | null, choice: MergeChoice | undefined): PostSnapshot | 'delete' | null {
  if (choice?.skip) return null;
  if (plan.change === 'conflict' && !theirs) {
    // Deleted on their side, changed on mine: delete only when asked.
    return choice?.fields?.deleted === 'theirs' ? 'delete' : null;
  }
  if (plan.change !== 'conflict' || plan.result === 'delete' || !plan.result || !theirs || !mine) return plan.result;
  let result = plan.result;
  for (const field of plan.conflicts) if (choice?.fields?.[field] === 'theirs') result = withField(result, theirs, field);
  return snapshotKey(result) === snapshotKey(mine) ? null : result;
}
