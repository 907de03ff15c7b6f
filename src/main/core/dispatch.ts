/**
 * The core's boundary: every command's input parsed against the contract, its handler run, its
 * answer checked against the contract (unless the host's client checks it on arrival), and
 * every failure turned into a typed Result (AppFailure keeps its code, disk errors say so, the
 * rest is "internal").
 */
import { commands, isCommandName } from '../../shared/contract';
import { fail, ok, AppFailure, type Result } from '../../shared/result';
import type { Handlers } from './handlers';
import type { Logger } from './log';

/** SQLite errors that mean "the disk said no", as opposed to a bug. */
const storageMessage = (error: unknown): string | null => {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL')) return 'The disk is full: your last change could not be saved. Free some space; what you typed is kept in the window.';
  if (code.startsWith('SQLITE_READONLY')) return 'The data folder is read-only: your last change could not be saved.';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'The disk reported an error: your last change could not be saved. Try again.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'The database is busy (is Tribune open twice?). Try again in a moment.';
  if (code.startsWith('SQLITE_CORRUPT')) return 'The database is damaged. Close Tribune and restore a backup from the data folder.';
  return null;
};

const INTERNAL = 'Tribune hit an internal error; nothing was lost. Please report it.';

export function createDispatch(d: { handlers: Handlers; log: Logger; scrub: (text: string) => string; checkAnswers: boolean }) {
  /** Runs a body; whatever it throws becomes a typed failure. */
  const run = async <T>(label: string, body: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, d.scrub(error.message), undefined, error.params);
      const storage = storageMessage(error);
      if (storage) {
        d.log.error(`storage error in ${label}`, error);
        return fail('storage_failed', storage);
      }
      d.log.error(`handler ${label} threw`, error);
      return fail('internal', INTERNAL);
    }
  };

  /** One command: parsed in, checked out. */
  const handle = (command: string, input: unknown): Promise<Result<unknown>> => {
    if (!isCommandName(command)) return Promise.resolve(fail('unknown_command', `Unknown command "${String(command).slice(0, 64)}".`));
    const spec = commands[command];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return Promise.resolve(
        fail(
          'invalid_input',
          `The request "${command}" was malformed.`,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        ),
      );
    }
    return run(command, async () => {
      const value = await (d.handlers[command] as (i: unknown) => unknown)(parsed.data);
      if (!d.checkAnswers) return ok(value);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        d.log.error(`handler ${command} returned a value outside the contract: ${checked.error.message}`);
        return fail('internal', INTERNAL);
      }
      return ok(checked.data);
    });
  };

  return { run, handle };
}
