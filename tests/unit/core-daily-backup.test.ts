/**
 * The daily backup (a real core on a real data folder): it is not taken while the app starts
 * (copying a big board cache would compete with the first screen) but a little later, while the
 * session is still open; a session closed before then still leaves the day's backup, and a second
 * session the same day adds none.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_DIR, openCore } from '../../src/main/core/app';
import { DAILY_BACKUP_AFTER_START_MS } from '../../src/main/core/daily-backups';
import { listBackups } from '../../src/main/core/store/backups';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { tempDir } from '../helpers/temp';

const open = (dataDir: string) => openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false } });

describe('the daily backup', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is taken at close when the session was shorter than the delay, and once a day', async () => {
    const dataDir = tempDir();
    const backups = () => listBackups(path.join(dataDir, BACKUP_DIR)).filter((b) => b.reason === 'daily');
    const core = await open(dataDir);
    expect((await core.handle('workspace.create', { name: 'Office de Tourisme' })).ok).toBe(true);
    await core.close();
    expect(backups()).toHaveLength(1);

    const again = await open(dataDir);
    await again.close();
    expect(backups()).toHaveLength(1);
  });

  it('is taken by the timer set at start, when the delay has passed, while the session goes on', async () => {
    // Only the core's timers are driven by hand; promises and I/O run as usual.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const dataDir = tempDir();
    const backups = () => listBackups(path.join(dataDir, BACKUP_DIR)).filter((b) => b.reason === 'daily');
    const core = await open(dataDir);
    try {
      expect((await core.handle('workspace.create', { name: 'Office de Tourisme' })).ok).toBe(true);
      await vi.advanceTimersByTimeAsync(DAILY_BACKUP_AFTER_START_MS);
      await expect.poll(backups, { interval: 20 }).toHaveLength(1);
    } finally {
      await core.close();
    }
    expect(backups()).toHaveLength(1);
  });
});
