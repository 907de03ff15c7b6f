import { describe, expect, it } from 'vitest';
import { defineHandlers, joinHandlers } from '../../src/main/core/handler-types';
import { commands } from '../../src/shared/contract';
import { openCore } from '../../src/main/core/app';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { manualClock, tempDir } from '../helpers/temp';

describe('handler groups', () => {
  it('join into one object, each command keeping its own handler', async () => {
    const app = defineHandlers({ 'app.info': () => ({ version: '1', sandbox: null }) as never });
    const settings = defineHandlers({ 'settings.get': () => ({}) as never });
    const all = joinHandlers(app, settings);
    expect(Object.keys(all).sort()).toEqual(['app.info', 'settings.get']);
    expect(all['app.info']).toBe(app['app.info']);
  });

  it('refuse a command handled by two groups (the core would not start)', () => {
    const one = defineHandlers({ 'app.info': () => ({}) as never });
    const two = defineHandlers({ 'app.info': () => ({}) as never });
    expect(() => joinHandlers(one, two)).toThrow('The command app.info has two handlers');
  });

  it('cover every command of the contract in the running core', async () => {
    const c = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), clock: manualClock(), systemLocale: 'fr_FR.UTF-8' });
    try {
      const unhandled: string[] = [];
      for (const name of Object.keys(commands)) {
        // An empty payload: most commands refuse it as invalid_input; none may be unknown to the core.
        const result = await c.handle(name, {});
        if (!result.ok && result.error.code === 'unknown_command') unhandled.push(name);
      }
      expect(unhandled).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
