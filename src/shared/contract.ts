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
import type { Result } from './result';
import type { CommandName, EventName } from './contract-names';

const Empty = z.object({}).strict();
const Done = z.object({ done: z.literal(true) });

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

  /** Drafts of a workspace, newest first (deleted ones excluded). */
  'draft.list': command(z.object({ workspaceId: Id }).strict(), z.array(Draft)),
  'draft.get': command(z.object({ id: Id }).strict(), Draft),
  /**
   * Creates or updates a draft (the id is chosen by the caller, so a retried save
   * cannot create two drafts). The answer comes after the text is committed to disk.
   */
  'draft.save': command(z.object({ id: Id, workspaceId: Id, text: DraftText }).strict(), Draft),
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
