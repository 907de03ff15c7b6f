/**
 * The one contract between the renderer and the core. Every command's input and
 * output and every event's payload is a zod schema here; TypeScript types are
 * inferred from them. The preload bridge, the web host and the renderer's client
 * are all derived from this file.
 */
import { z } from 'zod';
import {
  Account,
  AppInfo,
  Draft,
  DraftText,
  Id,
  Settings,
  VaultStatus,
  Workspace,
  WorkspaceColor,
  WorkspaceName,
} from './domain';
import { Capabilities, DraftContent, Media, PostView, ReplanReport, TargetProblem } from './publishing';
import { MAX_IMAGE_BASE64_LENGTH } from './media';
import { MissedPolicy } from './schedule/missed';
import { PostingSlots } from './schedule/slots';
import { TimeZone } from './schedule/zoned-time';
import type { Result } from './result';
import { calendarCommands, calendarEvents } from './calendar/contract';
import { boardCommands, boardEvents } from './board/contract';
import { inboxCommands, inboxEvents } from './inbox/contract';
import { charterEditorCommands } from './charter/contract';
import type { CommandName, EventName } from './contract-names';

const Empty = z.object({}).strict();
const Done = z.object({ done: z.literal(true) });
/** A workspace's publishing settings. */
const WorkspacePublishing = z.object({ missedPolicy: MissedPolicy, requireAltText: z.boolean(), keepPhotoMetadata: z.boolean() });

const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const commands = {
  'app.info': command(Empty, AppInfo),

  'settings.get': command(Empty, Settings),
  'settings.update': command(Settings.partial().strict(), Settings),

  'workspace.list': command(Empty, z.array(Workspace)),
  'workspace.create': command(
    z.object({ id: Id.optional(), name: WorkspaceName, color: WorkspaceColor.optional(), timeZone: z.string().min(1).max(64).optional() }).strict(),
    Workspace,
  ),
  'workspace.rename': command(z.object({ id: Id, name: WorkspaceName }).strict(), Workspace),
  'workspace.delete': command(z.object({ id: Id }).strict(), Done),

  'account.list': command(z.object({ workspaceId: Id }).strict(), z.array(Account)),
  /** Handle (or e-mail) and an app password; the PDS is found from the handle unless given. */
  'account.connectBluesky': command(
    z
      .object({
        workspaceId: Id,
        identifier: z.string().trim().min(1).max(253),
        appPassword: z.string().min(1).max(200),
        serviceUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict(),
    Account,
  ),
  /** Registers Tribune on the instance (cached) and starts OAuth with PKCE; the host opens authorizeUrl in the system browser. */
  'account.beginMastodon': command(
    z.object({ workspaceId: Id, instance: z.string().trim().min(3).max(253) }).strict(),
    z.object({ attemptId: Id, authorizeUrl: z.string(), outOfBandUrl: z.string() }),
  ),
  /** Waits for the browser's redirect to Tribune's loopback listener, or takes the code the person pasted. */
  'account.completeMastodon': command(z.object({ attemptId: Id, code: z.string().trim().min(1).max(512).optional() }).strict(), Account),
  'account.cancelMastodon': command(z.object({ attemptId: Id }).strict(), Done),
  /** Revokes the token where the network allows it and deletes the secrets; published history stays unless asked. */
  'account.remove': command(z.object({ id: Id, deleteHistory: z.boolean() }).strict(), Done),
  'account.capabilities': command(z.object({ id: Id }).strict(), Capabilities),
  'account.getSlots': command(z.object({ id: Id }).strict(), z.object({ slots: PostingSlots, timeZone: z.string() })),
  'account.setSlots': command(z.object({ id: Id, slots: PostingSlots, timeZone: TimeZone }).strict(), z.object({ slots: PostingSlots, timeZone: z.string() })),

  /** keepPhotoMetadata: copies sent to networks keep EXIF/GPS (off by default: dropped). */
  'workspace.getPublishing': command(z.object({ id: Id }).strict(), WorkspacePublishing),
  'workspace.setPublishing': command(
    z.object({ id: Id, missedPolicy: MissedPolicy.optional(), requireAltText: z.boolean().optional(), keepPhotoMetadata: z.boolean().optional() }).strict(),
    WorkspacePublishing,
  ),

  /** Drafts of a workspace, newest first (deleted ones excluded). */
  'draft.list': command(z.object({ workspaceId: Id }).strict(), z.array(Draft)),
  'draft.get': command(z.object({ id: Id }).strict(), Draft),
  /**
   * Creates or updates a draft (the id is chosen by the caller, so a retried save
   * cannot create two drafts). The answer comes after the text is committed to disk.
   */
  'draft.save': command(z.object({ id: Id, workspaceId: Id, text: DraftText, content: DraftContent.optional() }).strict(), Draft),
  /** The composer's whole state for a draft: text, content, and the post's targets once scheduled. */
  'draft.content': command(z.object({ id: Id }).strict(), z.object({ content: DraftContent, post: PostView })),

  /** Checks every target against its network; the composer shows the reasons, the scheduler refuses blocked targets. */
  'post.validate': command(z.object({ draftId: Id }).strict(), z.array(TargetProblem)),
  /** The three ways out. Targets that fail validation are left out (and reported); the others go. */
  'post.publishNow': command(z.object({ draftId: Id }).strict(), z.object({ post: PostView, blocked: z.array(TargetProblem) })),
  'post.schedule': command(
    z.object({ draftId: Id, at: z.iso.datetime({ offset: false }), timeZone: TimeZone }).strict(),
    z.object({ post: PostView, blocked: z.array(TargetProblem) }),
  ),
  'post.addToQueue': command(z.object({ draftId: Id }).strict(), z.object({ post: PostView, blocked: z.array(TargetProblem) })),
  /** Takes back what has not gone yet; the post becomes a draft again. */
  'post.cancel': command(z.object({ draftId: Id }).strict(), PostView),
  'post.retryTarget': command(z.object({ targetId: Id }).strict(), PostView),
  /** The person's answer for posts missed while Tribune was closed (workspace policy "ask"). */
  'post.resolveMissed': command(z.object({ targetIds: z.array(Id).min(1).max(500), decision: z.enum(['publish_now', 'skip']) }).strict(), Done),
  'post.list': command(z.object({ workspaceId: Id, column: z.enum(['scheduled', 'sent']) }).strict(), z.array(PostView)),

  /** An image picked or dropped in the composer; the original is kept untouched in the data folder. */
  'media.import': command(
    z.object({ workspaceId: Id, fileName: z.string().min(1).max(255), mime: z.string().max(100), dataBase64: z.string().max(MAX_IMAGE_BASE64_LENGTH) }).strict(),
    Media,
  ),
  /** A small JPEG thumbnail as a data: URL for the composer's media strip. */
  'media.thumbnail': command(z.object({ id: Id }).strict(), z.object({ dataUrl: z.string() })),

  'draft.duplicate': command(z.object({ id: Id, newId: Id.optional() }).strict(), Draft),
  /** Moves a draft to the bin; draft.restore brings it back (undo). */
  'draft.delete': command(z.object({ id: Id }).strict(), Done),
  'draft.restore': command(z.object({ id: Id }).strict(), Draft),

  'vault.status': command(Empty, VaultStatus),
  /** Chooses a passphrase when no OS keychain is available. */
  'vault.setupPassphrase': command(z.object({ passphrase: z.string().min(8, 'passphrase_too_short').max(1024) }).strict(), VaultStatus),
  'vault.unlock': command(z.object({ passphrase: z.string().min(1).max(1024) }).strict(), VaultStatus),
  /** Stores the key in clear beside the database; only after the person confirmed a warning. */
  'vault.useUnprotectedKey': command(z.object({ acknowledgeRisk: z.literal(true) }).strict(), VaultStatus),

  // Networks (src/main/core/handlers-network.ts)
  /** The host saw the connection change (the page's online event, Electron's net.online): posts that waited for it go now. */
  'app.networkChanged': command(z.object({ online: z.boolean() }).strict(), Done),
  /** Deletes a sent target's parts from its network (a thread's last part first) and marks it deleted; the post stays in Tribune. */
  'post.deleteRemote': command(z.object({ targetId: Id }).strict(), PostView),

  // Calendar, campaigns, approval, exchange (src/shared/calendar/contract.ts).
  ...calendarCommands,

  // The board: boards, columns, items from the networks (src/shared/board/contract.ts).
  ...boardCommands,

  // The inbox, the charter, saved replies, the audit log (src/shared/inbox/contract.ts).
  ...inboxCommands,

  // The charter's rules one at a time (src/shared/charter/contract.ts).
  ...charterEditorCommands,
} as const;

export type Commands = typeof commands;
export type { CommandName, EventName } from './contract-names';
export { COMMAND_NAMES, EVENT_NAMES, isCommandName, isEventName, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './contract-names';
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
export type CommandResult<K extends CommandName> = Result<CommandOutput<K>>;

/** Events pushed by the core to every connected renderer. */
export const events = {
  /** Drafts of this workspace changed (saved elsewhere, deleted, restored). */
  'drafts.changed': z.object({ workspaceId: Id }),
  'workspaces.changed': z.object({}),
  'vault.changed': VaultStatus,
  'accounts.changed': z.object({ workspaceId: Id }),
  /** Something moved in the Scheduled or Sent / Failed columns of this workspace. */
  'posts.changed': z.object({ workspaceId: Id }),
  /** Posts whose time passed while Tribune was closed or asleep, and what happened to them. */
  'posts.missed': z.object({
    workspaceId: Id,
    published: z.array(Id),
    awaitingDecision: z.array(Id),
    skipped: z.array(Id),
  }),
  // CORE lane: re-planning
  /** A planned post was edited: what re-planning did that the person must know. */
  'posts.replanned': ReplanReport,
  ...calendarEvents,
  ...boardEvents,
  ...inboxEvents,
} as const;

export type Events = typeof events;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that contract-names.ts lists exactly these commands and events. */
export const NAMES_MATCH_SCHEMAS: [Same<keyof Commands, CommandName>, Same<keyof Events, EventName>] = [true, true];
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The shape of what a transport carries. */
export const RpcRequest = z.object({ id: z.number().int().nonnegative(), command: z.string().max(64), input: z.unknown() });
export type RpcRequest = z.infer<typeof RpcRequest>;
export type RpcMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };

/** The closed object the preload exposes as window.tribune (and the web client mimics). */
export interface TribuneBridge {
  invoke(command: CommandName, input: unknown): Promise<Result<unknown>>;
  /** Returns an unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
