import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // Unit tests are quick; this bound only catches a hang. Integration files start servers
          // beside them, so a worker can pause for seconds on a 2-core machine.
          testTimeout: 20_000,
          // expect.poll waits for an outcome, however slow the machine: vitest's 1 s default
          // made every poll without its own timeout a timing assertion.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 60_000 } },
          // Integration tests start servers and processes: one file at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
