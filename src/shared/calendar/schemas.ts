/**
 * The editorial calendar's entities as the contract carries them: campaigns, labels, review
 * state, comments, the calendar's read model, import previews and CalDAV settings.
 */
import { z } from 'zod';
import { Id, Instant, Network } from '../domain';
import { LocalDate } from '../schedule/zoned-time';

export const CalendarColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color_format');

export const Campaign = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string(),
  color: CalendarColor,
  /** Inclusive local dates in the workspace's zone; null: open-ended. */
  startsOn: LocalDate.nullable(),
  endsOn: LocalDate.nullable(),
  goal: z.string(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignInput = z
  .object({
    id: Id.optional(),
    workspaceId: Id,
    name: z.string().trim().min(1, 'name_required').max(80, 'name_too_long'),
    color: CalendarColor,
    startsOn: LocalDate.nullable(),
    endsOn: LocalDate.nullable(),
    goal: z.string().max(2000).default(''),
  })
  .strict()
  .refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, { message: 'campaign_dates_reversed', path: ['endsOn'] });

export const Label = z.object({ id: Id, workspaceId: Id, name: z.string(), color: CalendarColor });
export type Label = z.infer<typeof Label>;
export const LabelInput = z
  .object({ id: Id.optional(), workspaceId: Id, name: z.string().trim().min(1, 'name_required').max(40, 'name_too_long'), color: CalendarColor })
  .strict();

/** Approval: draft -> in_review -> approved; publishing then schedules it. */
export const ReviewState = z.enum(['draft', 'in_review', 'approved']);
export type ReviewState = z.infer<typeof ReviewState>;

/** What the calendar shows for an item. */
export const CalendarStatus = z.enum(['idea', 'draft', 'in_review', 'approved', 'scheduled', 'published', 'failed']);
export type CalendarStatus = z.infer<typeof CalendarStatus>;

export const PostKind = z.enum(['post', 'idea']);
export type PostKind = z.infer<typeof PostKind>;

export const CalendarItem = z.object({
  draftId: Id,
  /** The first 140 characters of the text (or an idea's title). */
  excerpt: z.string(),
  kind: PostKind,
  /** The scheduled time, or the planned date of a draft or an idea. */
  at: Instant,
  status: CalendarStatus,
  reviewState: ReviewState,
  targets: z.array(z.object({ accountId: Id, network: Network })),
  campaignId: Id.nullable(),
  labelIds: z.array(Id),
  commentCount: z.number().int().nonnegative(),
  /** Scheduled posts can be dragged to another time; published ones cannot. */
  movable: z.boolean(),
  updatedAt: Instant,
});
export type CalendarItem = z.infer<typeof CalendarItem>;

export const CalendarFilters = z
  .object({
    accounts: z.array(Id).max(200).optional(),
    networks: z.array(Network).max(10).optional(),
    campaigns: z.array(Id).max(200).optional(),
    labels: z.array(Id).max(200).optional(),
    statuses: z.array(CalendarStatus).max(10).optional(),
  })
  .strict();
export type CalendarFilters = z.infer<typeof CalendarFilters>;

/** An account's posting slot inside the range: drawn as a ghost where nothing is planned yet. */
export const GhostSlot = z.object({ accountId: Id, at: Instant });

/** At most this long a range (a year and a bit): the calendar pages by month or week anyway. */
export const MAX_RANGE_DAYS = 400;

export const CalendarRange = z.object({
  timeZone: z.string(),
  items: z.array(CalendarItem),
  ghostSlots: z.array(GhostSlot),
  /** Every campaign and label of the workspace, so items can be coloured without another call. */
  campaigns: z.array(Campaign),
  labels: z.array(Label),
  requireApproval: z.boolean(),
});
export type CalendarRange = z.infer<typeof CalendarRange>;

export const PostPlanning = z.object({
  draftId: Id,
  kind: PostKind,
  campaignId: Id.nullable(),
  labelIds: z.array(Id),
  plannedAt: Instant.nullable(),
  reviewState: ReviewState,
  /** The workspace requires approval before publishing. */
  requireApproval: z.boolean(),
});
export type PostPlanning = z.infer<typeof PostPlanning>;

export const Comment = z.object({ id: Id, draftId: Id, author: z.string(), text: z.string(), createdAt: Instant });
export type Comment = z.infer<typeof Comment>;
export const CommentText = z.string().trim().min(1, 'comment_empty').max(5000, 'comment_too_long');

export const PostRevision = z.object({
  id: z.number().int(),
  draftId: Id,
  action: z.enum(['import_created', 'import_updated', 'import_deleted', 'sync_updated', 'sync_created', 'sync_deleted', 'undo']),
  author: z.string(),
  batchId: Id.nullable(),
  /** The text of the version that was replaced (null: the post did not exist before). */
  text: z.string().nullable(),
  createdAt: Instant,
});
export type PostRevision = z.infer<typeof PostRevision>;

/** The fields a merge compares and a person chooses between. */
export const MergeField = z.enum(['text', 'content', 'plannedAt', 'timeZone', 'reviewState', 'campaign', 'labels', 'comments', 'kind', 'deleted']);
export type MergeField = z.infer<typeof MergeField>;
export const FieldDiff = z.object({
  field: MergeField,
  /** Short, displayable renderings of each side (null: absent); base is null when never exchanged. */
  base: z.string().nullable(),
  mine: z.string().nullable(),
  theirs: z.string().nullable(),
  /** Both sides changed this field differently since the last exchange. */
  conflict: z.boolean(),
});
export type FieldDiff = z.infer<typeof FieldDiff>;

export const ChangeKind = z.enum(['new', 'changed', 'unchanged', 'conflict', 'deleted']);
export type ChangeKind = z.infer<typeof ChangeKind>;
export const PreviewItem = z.object({
  uid: z.string(),
  /** The local post, when there is one. */
  draftId: Id.nullable(),
  title: z.string(),
  at: Instant.nullable(),
  change: ChangeKind,
  /** Which side is newer by SEQUENCE then LAST-MODIFIED ('theirs' is applied for 'changed'). */
  newer: z.enum(['mine', 'theirs', 'same']),
  /** Unchanged because only this side changed since the last exchange: the file holds an older version, this one is kept. */
  keptMine: z.boolean(),
  fields: z.array(FieldDiff),
});
export type PreviewItem = z.infer<typeof PreviewItem>;

/** A CSV row (or a calendar line) that will not be imported, with why. */
export const RowProblem = z.object({
  line: z.number().int().positive(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RowProblem = z.infer<typeof RowProblem>;

export const ImportFormat = z.enum(['tribune_ics', 'foreign_ics', 'csv', 'bundle']);
export const ImportPreview = z.object({
  importId: Id,
  workspaceId: Id,
  format: ImportFormat,
  fileName: z.string(),
  items: z.array(PreviewItem),
  rowProblems: z.array(RowProblem),
  counts: z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), conflict: z.number(), deleted: z.number(), refused: z.number() }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** For a conflicting post, the side kept per field (fields not listed keep 'mine'). */
export const MergeChoice = z.object({
  uid: z.string().max(1000),
  /** Leave this post as it is. */
  skip: z.boolean().optional(),
  fields: z.record(z.string(), z.enum(['mine', 'theirs'])).optional(),
});
export type MergeChoice = z.infer<typeof MergeChoice>;

export const ImportResult = z.object({
  batchId: Id.nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportBatch = z.object({
  id: Id,
  workspaceId: Id,
  source: z.enum(['ics', 'csv', 'bundle', 'caldav']),
  fileName: z.string(),
  createdAt: Instant,
  undoneAt: Instant.nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ExportFormat = z.enum(['ics', 'csv', 'bundle']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const CalDavConfig = z.object({
  workspaceId: Id,
  url: z.string(),
  username: z.string(),
  hasPassword: z.boolean(),
  lastSyncAt: Instant.nullable(),
  /** The last failure's error code (offline, auth...), null after a good sync. */
  lastError: z.string().nullable(),
  /** Local changes not on the server yet. */
  pendingChanges: z.number().int().nonnegative(),
  /** Conflicts the last sync (automatic or not) left to settle, for calendar.importApply. */
  conflicts: ImportPreview.nullable(),
});
export type CalDavConfig = z.infer<typeof CalDavConfig>;

export const SyncResult = z.object({
  state: z.enum(['synced', 'offline', 'conflicts']),
  pushed: z.number().int(),
  pulled: z.number().int(),
  deletedRemote: z.number().int(),
  deletedLocal: z.number().int(),
  /** Set when both sides changed: resolve with calendar.importApply on this preview. */
  conflicts: ImportPreview.nullable(),
});
export type SyncResult = z.infer<typeof SyncResult>;
