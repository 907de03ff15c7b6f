import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from '../../shared/contract';
import type { CalendarCommands } from './calendar/names';

/** One handler per command of the contract; inputs arrive already parsed. */
export type Handler<K extends CommandName> = (input: z.output<Commands[K]['input']>) => CommandOutput<K> | Promise<CommandOutput<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };

export type PublishingCommands =
  | 'account.connectBluesky'
  | 'account.beginMastodon'
  | 'account.completeMastodon'
  | 'account.cancelMastodon'
  | 'account.remove'
  | 'account.capabilities'
  | 'account.getSlots'
  | 'account.setSlots'
  | 'workspace.getPublishing'
  | 'workspace.setPublishing'
  | 'draft.content'
  | 'post.validate'
  | 'post.publishNow'
  | 'post.schedule'
  | 'post.addToQueue'
  | 'post.cancel'
  | 'post.retryTarget'
  | 'post.resolveMissed'
  | 'post.list'
  | 'media.import'
  | 'media.thumbnail';

/** The handlers of handlers.ts: everything but publishing. */
export type CoreHandlers = Omit<Handlers, PublishingCommands | CalendarCommands>;
