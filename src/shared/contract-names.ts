/**
 * The names of the contract's commands and events, without their schemas: the sandboxed
 * preload checks names with this file so it does not bundle zod. contract.ts asserts at
 * compile time that these lists and its schemas name exactly the same things.
 */
import { CALENDAR_COMMAND_NAMES, CALENDAR_EVENT_NAMES } from './calendar/names';
import { BOARD_COMMAND_NAMES, BOARD_EVENT_NAMES } from './board/names';
import { INBOX_COMMAND_NAMES, INBOX_EVENT_NAMES } from './inbox/names';
import { CHARTER_EDITOR_COMMAND_NAMES } from './charter/names';

export const COMMAND_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'workspace.list',
  'workspace.create',
  'workspace.rename',
  'workspace.delete',
  'account.list',
  'account.connectBluesky',
  'account.beginMastodon',
  'account.completeMastodon',
  'account.cancelMastodon',
  'account.remove',
  'account.capabilities',
  'account.getSlots',
  'account.setSlots',
  'workspace.getPublishing',
  'workspace.setPublishing',
  'draft.list',
  'draft.get',
  'draft.save',
  'draft.content',
  'post.validate',
  'post.publishNow',
  'post.schedule',
  'post.addToQueue',
  'post.cancel',
  'post.retryTarget',
  'post.resolveMissed',
  'post.list',
  'media.import',
  'media.thumbnail',
  'draft.duplicate',
  'draft.delete',
  'draft.restore',
  'vault.status',
  'vault.setupPassphrase',
  'vault.unlock',
  'vault.useUnprotectedKey',
  'app.networkChanged',
  'post.deleteRemote',
  ...CALENDAR_COMMAND_NAMES,
  ...BOARD_COMMAND_NAMES,
  ...INBOX_COMMAND_NAMES,
  ...CHARTER_EDITOR_COMMAND_NAMES,
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const EVENT_NAMES = [
  'drafts.changed',
  'workspaces.changed',
  'vault.changed',
  'accounts.changed',
  'posts.changed',
  'posts.missed',
  'posts.replanned',
  ...CALENDAR_EVENT_NAMES,
  ...BOARD_EVENT_NAMES,
  ...INBOX_EVENT_NAMES,
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const commandSet: ReadonlySet<string> = new Set(COMMAND_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);
export const isCommandName = (name: unknown): name is CommandName => typeof name === 'string' && commandSet.has(name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && eventSet.has(name);

export const IPC_INVOKE_CHANNEL = 'tribune:invoke';
export const IPC_EVENT_CHANNEL = 'tribune:event';
