/** The throwaway PostgreSQL cluster lives in sandbox/postgres.ts (shared with `npm run demo`). */
export * from '../../sandbox/postgres';
