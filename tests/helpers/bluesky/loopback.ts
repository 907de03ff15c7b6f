/** Forcing servers onto 127.0.0.1: sandbox/loopback.ts (shared with `npm run demo`). */
export * from '../../../sandbox/loopback';
