/** `npm run bench`: prints every figure as one JSON document. Needs a build (dist/). */
import { benchAutosave } from './autosave';
import { benchColdStart } from './cold-start';
import { benchInserts } from './store-inserts';
import { benchQueue } from './queue';
import { benchFanOut } from './fanout';
import { benchSandbox } from './sandbox';
import { benchCharter } from './charter';
import { benchInbox } from './inbox';
import { benchBoardIngest, benchPollingBudget } from './board';
import { benchBoardPaint } from './board-paint';
import { benchCalendarExchange } from './calendar-exchange';
import { benchCalendarMonth } from './calendar-month';

const only = process.argv[2];
const suites: Record<string, () => Promise<unknown>> = {
  draftAutosaveRoundTrip: benchAutosave,
  repositoryInserts: benchInserts,
  webHostColdStartToBoard: benchColdStart,
  scheduledPostsQueue: benchQueue,
  fanOutToTenAccounts: benchFanOut,
  sandboxDemo: benchSandbox,
  moderationCharter: benchCharter,
  inbox20000: benchInbox,
  boardIngest: benchBoardIngest,
  boardPollingBudget: benchPollingBudget,
  boardTenColumnsFiveThousandItems: benchBoardPaint,
  calendarExportImport10k: benchCalendarExchange,
  calendarMonth2000: benchCalendarMonth,
};

const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() },
};
for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  process.stderr.write(`running ${name}…\n`);
  results[name] = await run();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
