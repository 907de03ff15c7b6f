/** Linux /proc inspection for leak checks: sandbox/procfs.ts (shared with `npm run demo`). */
export * from '../../../sandbox/procfs';
