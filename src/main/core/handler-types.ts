import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from '../../shared/contract';

/** One handler per command of the contract; inputs arrive already parsed. */
export type Handler<K extends CommandName> = (input: z.output<Commands[K]['input']>) => CommandOutput<K> | Promise<CommandOutput<K>>;
export type Handlers = { [K in CommandName]: Handler<K> };

/** The handlers of some commands (one domain's share of the contract); each is typed by its command. */
export type HandlerGroup<K extends CommandName> = { [P in K]: Handler<P> };

/**
 * Declares one domain's handlers: which commands they are is read from the object itself (no
 * hand-kept list of names); `joinHandlers` checks that the groups cover the contract exactly once.
 */
export const defineHandlers = <K extends CommandName>(group: HandlerGroup<K>): HandlerGroup<K> => group;

/** Every group's handlers in one object; a command handled by two groups is a bug caught at start. */
export function joinHandlers<G extends readonly Partial<Handlers>[]>(...groups: G): UnionToIntersection<G[number]> {
  const all: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (name in all) throw new Error(`The command ${name} has two handlers`);
      all[name] = handler;
    }
  }
  return all as UnionToIntersection<G[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
