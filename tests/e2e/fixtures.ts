import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type RunningHost } from '../helpers/host';
import { TribunePage } from './pages/tribune';

interface HostControl {
  dataDir: string;
  current: RunningHost;
  /** Stops the host (SIGTERM) and starts a new one on the same data folder and port. */
  restart(): Promise<RunningHost>;
}

/**
 * Each test gets its own data folder and its own real web host process, started with the
 * arguments `args()` gives when the test starts (for a private network that beforeAll started).
 */
export function hostFixture(args: () => string[] = () => []) {
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use: (control: HostControl) => Promise<void>) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-'));
    const hostArgs = args();
    const control: HostControl = {
      dataDir,
      current: await startHost({ dataDir, args: hostArgs }),
      async restart() {
        const port = control.current.port;
        await control.current.stop();
        control.current = await startHost({ dataDir, port, args: hostArgs });
        return control.current;
      },
    };
    await use(control);
    await control.current.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export const test = base.extend<{ host: HostControl; tribune: TribunePage }>({
  host: hostFixture(),
  tribune: async ({ page, host }, use) => {
    const tribune = new TribunePage(page);
    await tribune.open(host.current.url);
    await use(tribune);
  },
});

export { expect };
