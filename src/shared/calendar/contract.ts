/**
 * The calendar's part of the contract (spread into contract.ts): read model, campaigns, labels,
 * planning, approval, comments, history, export, import (chunked upload, preview, apply, undo)
 * and CalDAV. Inputs stay well under the web host's 2 MiB message cap: files go up in chunks.
 */
import { z } from 'zod';
import { Id, Instant } from '../domain';
import { TimeZone } from '../schedule/zoned-time';
import {
  CalDavConfig,
  CalendarFilters,
  CalendarRange,
  Campaign,
  CampaignInput,
  Comment,
  CommentText,
  ExportFormat,
  ImportBatch,
  ImportPreview,
  ImportResult,
  Label,
  LabelInput,
  MergeChoice,
  PostPlanning,
  PostRevision,
  SyncResult,
} from './schemas';

const Done = z.object({ done: z.literal(true) });
const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** One upload chunk: 768 KiB of file, about 1 MiB once in base64. */
export const UPLOAD_CHUNK_BYTES = 768 * 1024;
/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
/** Files this small may travel inline with calendar.importPreview. */
export const MAX_INLINE_IMPORT_BYTES = UPLOAD_CHUNK_BYTES;

export const calendarCommands = {
  /** Every item of the workspace between from and to (scheduled, planned, published), with the accounts' ghost slots. */
  'calendar.range': command(
    z.object({ workspaceId: Id, from: Instant, to: Instant, filters: CalendarFilters.optional() }).strict(),
    CalendarRange,
  ),

  'campaign.list': command(z.object({ workspaceId: Id }).strict(), z.array(Campaign)),
  /** Creates (no id, or a new one) or updates a campaign. */
  'campaign.save': command(CampaignInput, Campaign),
  /** Its posts keep existing, without a campaign. */
  'campaign.delete': command(z.object({ id: Id }).strict(), Done),
  'label.list': command(z.object({ workspaceId: Id }).strict(), z.array(Label)),
  'label.save': command(LabelInput, Label),
  'label.delete': command(z.object({ id: Id }).strict(), Done),

  'post.planning': command(z.object({ draftId: Id }).strict(), PostPlanning),
  /** Sets what is given: campaign, labels (the whole set), planned date (null: none), kind (an idea becomes a post). */
  'post.setPlanning': command(
    z
      .object({
        draftId: Id,
        campaignId: Id.nullable().optional(),
        labelIds: z.array(Id).max(50).optional(),
        plannedAt: Instant.nullable().optional(),
        kind: z.enum(['post', 'idea']).optional(),
        /** The zone the planned time is expressed in (a second zone); default: the workspace's. */
        timeZone: TimeZone.optional(),
      })
      .strict(),
    PostPlanning,
  ),
  /** Creates an idea with a date (a calendar item that is not a post yet); click on an empty slot. */
  'calendar.createIdea': command(
    z.object({ id: Id, workspaceId: Id, title: z.string().trim().min(1).max(1000), plannedAt: Instant }).strict(),
    PostPlanning,
  ),

  /** Approval: draft -> in_review (submit), in_review -> approved (approve), in_review|approved -> draft (reject, with an optional comment). */
  'review.submit': command(z.object({ draftId: Id }).strict(), PostPlanning),
  'review.approve': command(z.object({ draftId: Id }).strict(), PostPlanning),
  'review.reject': command(z.object({ draftId: Id, comment: CommentText.optional() }).strict(), PostPlanning),
  'workspace.getApproval': command(z.object({ id: Id }).strict(), z.object({ requireApproval: z.boolean() })),
  'workspace.setApproval': command(z.object({ id: Id, requireApproval: z.boolean() }).strict(), z.object({ requireApproval: z.boolean() })),

  'comment.list': command(z.object({ draftId: Id }).strict(), z.array(Comment)),
  /** The author is the local profile's name (Settings > profileName). */
  'comment.add': command(z.object({ id: Id.optional(), draftId: Id, text: CommentText }).strict(), Comment),
  'post.history': command(z.object({ draftId: Id }).strict(), z.array(PostRevision)),

  /** The plan as a file: iCalendar, Hootsuite-layout CSV, or a zip bundle with the media. */
  'calendar.export': command(
    z.object({ workspaceId: Id, from: Instant, to: Instant, format: ExportFormat }).strict(),
    z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string(), posts: z.number().int() }),
  ),

  /** Big files go up in chunks: begin, then each chunk (index from 0), then importPreview with the uploadId. */
  'calendar.uploadBegin': command(
    z.object({ workspaceId: Id, fileName: z.string().min(1).max(255), bytes: z.number().int().positive() }).strict(),
    z.object({ uploadId: Id, chunkBytes: z.number().int(), chunks: z.number().int() }),
  ),
  'calendar.uploadChunk': command(
    z.object({ uploadId: Id, index: z.number().int().nonnegative(), dataBase64: z.string().max(Math.ceil((UPLOAD_CHUNK_BYTES * 4) / 3) + 8) }).strict(),
    z.object({ received: z.number().int(), chunks: z.number().int() }),
  ),
  /** Reads the file whole (nothing is written) and says what an import would do, post by post. */
  'calendar.importPreview': command(
    z
      .object({
        workspaceId: Id,
        uploadId: Id.optional(),
        fileName: z.string().min(1).max(255).optional(),
        dataBase64: z.string().max(Math.ceil((MAX_INLINE_IMPORT_BYTES * 4) / 3) + 8).optional(),
      })
      .strict()
      .refine((i) => Boolean(i.uploadId) !== Boolean(i.dataBase64), { message: 'upload_or_data', path: ['uploadId'] }),
    ImportPreview,
  ),
  /** Applies a preview in one transaction (all or nothing), with per-field choices for conflicts. */
  'calendar.importApply': command(
    z.object({ importId: Id, choices: z.array(MergeChoice).max(20_000).default([]), includeDeletes: z.boolean().default(true) }).strict(),
    ImportResult,
  ),
  'calendar.importDiscard': command(z.object({ importId: Id }).strict(), Done),
  'calendar.importList': command(z.object({ workspaceId: Id }).strict(), z.array(ImportBatch)),
  /** Undoes a whole import: created posts go, replaced versions come back. */
  'calendar.importUndo': command(z.object({ batchId: Id }).strict(), ImportResult),

  'caldav.get': command(z.object({ workspaceId: Id }).strict(), CalDavConfig.nullable()),
  /** Saves the collection (the password goes to the vault; omitted: keep the stored one) and checks it when online. */
  'caldav.set': command(
    z
      .object({
        workspaceId: Id,
        url: z.url({ protocol: /^https?$/ }),
        username: z.string().min(1).max(200),
        password: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    CalDavConfig,
  ),
  'caldav.remove': command(z.object({ workspaceId: Id }).strict(), Done),
  /** Pushes local changes and pulls the server's (ETags); conflicts come back as a preview for calendar.importApply. */
  'caldav.sync': command(z.object({ workspaceId: Id }).strict(), SyncResult),
} as const;

export const calendarEvents = {
  /** Calendar items, campaigns, labels, comments or approval changed in this workspace. */
  'calendar.changed': z.object({ workspaceId: Id }),
  /** An automatic CalDAV sync ran (timer, wake, back online): conflicts wait in caldav.get's preview. */
  'caldav.synced': z.object({
    workspaceId: Id,
    state: z.enum(['synced', 'offline', 'conflicts', 'failed']),
    conflicts: z.number().int().nonnegative(),
    /** The error code when it failed. */
    error: z.string().nullable(),
  }),
} as const;
