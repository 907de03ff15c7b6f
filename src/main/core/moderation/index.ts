/** Moderation in the core: the service and its one command. */
import { defineHandlers } from '../handler-types';
import type { ModerationDeps } from './deps';
import { ModerationService } from './service';

export function createModerationCore(d: ModerationDeps) {
  const service = new ModerationService(d);
  return { service, handlers: defineHandlers({ 'moderation.act': (input) => service.act(input), 'moderation.rules': (input) => service.rules(input.accountId) }) };
}
