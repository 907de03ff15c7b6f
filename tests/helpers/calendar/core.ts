import { openCore } from '../../../src/main/core/app';
import type { Core } from '../../../src/main/core/types';
import { MemoryKeychain } from '../../../src/main/core/vault/memory-keychain';
import { manualClock, tempDir } from '../temp';

/** A core on a real SQLite file in a temp folder, with a hand-driven clock. */
export async function calendarCore(options: { dataDir?: string; start?: number } = {}) {
  const dir = options.dataDir ?? tempDir();
  const clock = manualClock(options.start);
  const core = await openCore({ dataDir: dir, host: 'web', keychain: new MemoryKeychain(), clock, systemLocale: 'en_US.UTF-8' });
  const events: { event: string; payload: unknown }[] = [];
  core.subscribe((event, payload) => events.push({ event, payload }));
  return { core, dir, clock, events };
}

/** The command's value, or a thrown error naming its code (tests read failures with `failure`). */
export async function call<T = unknown>(c: Core, command: string, input: unknown): Promise<T> {
  const result = await c.handle(command, input);
  if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function failure(c: Core, command: string, input: unknown) {
  const result = await c.handle(command, input);
  if (result.ok) throw new Error(`${command} succeeded where a failure was expected`);
  return result.error;
}
