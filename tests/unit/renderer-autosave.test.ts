import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, createAutosaver, type AutosaveStatus } from '../../src/renderer/model/autosave';
import type { ClientResult } from '../../src/renderer/client/types';

type Save = (text: string) => Promise<ClientResult<unknown>>;

/** A save the test answers by hand, to look at what happens in between. */
function controllableSave() {
  const calls: { text: string; resolve(result: ClientResult<unknown>): void }[] = [];
  const save: Save = (text) => new Promise((resolve) => calls.push({ text, resolve }));
  return {
    save,
    calls,
    succeed: (i: number) => calls[i]!.resolve({ ok: true, value: null }),
    fail: (i: number) => calls[i]!.resolve({ ok: false, error: { code: 'storage_failed', message: 'disk full' } }),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave debouncer', () => {
  it('saves once, about 400 ms after the last keystroke, with the latest text', async () => {
    const save = vi.fn<Save>(async () => ({ ok: true, value: null }));
    const saver = createAutosaver({ save });
    saver.update('H');
    await vi.advanceTimersByTimeAsync(300);
    saver.update('He');
    await vi.advanceTimersByTimeAsync(300);
    saver.update('Hello');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('Hello');
    expect(saver.state().status).toBe('saved');
  });

  it('reports pending, saving, then saved', async () => {
    const ctl = controllableSave();
    const statuses: AutosaveStatus[] = [];
    const saver = createAutosaver({ save: ctl.save, onState: (s) => statuses.push(s.status) });
    saver.update('a');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    ctl.succeed(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
  });

  it('never runs two saves at once: typing during a save is saved after it, with the newest text', async () => {
    const ctl = controllableSave();
    const saver = createAutosaver({ save: ctl.save });
    saver.update('one');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    saver.update('one two');
    saver.update('one two three');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(ctl.calls.map((c) => c.text)).toEqual(['one']);
    ctl.succeed(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(ctl.calls.map((c) => c.text)).toEqual(['one', 'one two three']);
    expect(saver.isSaved()).toBe(false);
    ctl.succeed(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.isSaved()).toBe(true);
    expect(saver.state().status).toBe('saved');
  });

  it('flush saves right away without waiting for the pause', async () => {
    const save = vi.fn<Save>(async () => ({ ok: true, value: null }));
    const saver = createAutosaver({ save });
    saver.update('typed then closed');
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).toHaveBeenCalledWith('typed then closed');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1); // the debounced save was cancelled
  });

  it('flush waits for a save in flight and then saves what was typed since', async () => {
    const ctl = controllableSave();
    const saver = createAutosaver({ save: ctl.save });
    saver.update('a');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    saver.update('ab');
    const flushed = saver.flush();
    ctl.succeed(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(ctl.calls.map((c) => c.text)).toEqual(['a', 'ab']);
    ctl.succeed(1);
    await expect(flushed).resolves.toBe(true);
  });

  it('on failure keeps the text, reports the error, and retry saves it', async () => {
    const ctl = controllableSave();
    const saver = createAutosaver({ save: ctl.save });
    saver.update('precious words');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    ctl.fail(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state()).toEqual({ status: 'error', error: { code: 'storage_failed', message: 'disk full' } });
    expect(saver.text()).toBe('precious words');
    expect(saver.isSaved()).toBe(false);
    const retried = saver.retry();
    expect(ctl.calls[1]?.text).toBe('precious words');
    ctl.succeed(1);
    await expect(retried).resolves.toBe(true);
    expect(saver.state().status).toBe('saved');
  });

  it('flush reports false when the save fails, so the composer can stay open', async () => {
    const save = vi.fn<Save>(async () => ({ ok: false, error: { code: 'disconnected', message: 'offline' } }));
    const saver = createAutosaver({ save });
    saver.update('x');
    await expect(saver.flush()).resolves.toBe(false);
    expect(saver.state().status).toBe('error');
  });

  it('does not retry on its own in a loop after a failure', async () => {
    const save = vi.fn<Save>(async () => ({ ok: false, error: { code: 'storage_failed', message: 'x' } }));
    const saver = createAutosaver({ save });
    saver.update('x');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 20);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('typing again after a failure tries again', async () => {
    const save = vi
      .fn<Save>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'storage_failed', message: 'x' } })
      .mockResolvedValue({ ok: true, value: null });
    const saver = createAutosaver({ save });
    saver.update('x');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    saver.update('xy');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(save).toHaveBeenLastCalledWith('xy');
    expect(saver.state().status).toBe('saved');
  });

  it('a save that throws is reported like a failure', async () => {
    const saver = createAutosaver({ save: () => Promise.reject(new Error('boom')) });
    saver.update('x');
    await expect(saver.flush()).resolves.toBe(false);
    expect(saver.state().error?.code).toBe('internal');
  });

  it('does not save a reopened draft that was not changed', async () => {
    const save = vi.fn<Save>(async () => ({ ok: true, value: null }));
    const saver = createAutosaver({ save, savedText: 'on disk' });
    expect(saver.state().status).toBe('saved');
    saver.update('on disk!');
    saver.update('on disk');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
  });

  it('stops saving once disposed', async () => {
    const save = vi.fn<Save>(async () => ({ ok: true, value: null }));
    const saver = createAutosaver({ save });
    saver.update('x');
    saver.dispose();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    saver.update('y');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(save).not.toHaveBeenCalled();
  });
});
