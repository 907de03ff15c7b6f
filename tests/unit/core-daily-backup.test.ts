/**
 * The daily backup (a real core on a real data folder): it is not taken while the app starts
 * (copying a big board cache would compete with the first screen) but a little later; a session
 * closed before then still leaves the day's backup, and a second session the same day adds none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR, openCore } from '../../src/main/core/app';
import { listBackups } from '../../src/main/core/store/backups';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { tempDir } from '../helpers/temp';

describe('the daily backup', () => {
  it('waits until after start, is taken at close when the session was short, and once a day', async () => {
    const dataDir = tempDir();
    const backups = () => listBackups(path.join(dataDir, BACKUP_DIR)).filter((b) => b.reason === 'daily');
    const core = await openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false } });
    expect((await core.handle('workspace.create', { name: 'Office de Tourisme' })).ok).toBe(true);
    expect(backups()).toEqual([]);
    await core.close();
    expect(backups()).toHaveLength(1);

    const again = await openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false } });
    await again.close();
    expect(backups()).toHaveLength(1);
  });
});
