/**
 * The local Bluesky network harness lives in sandbox/network.ts, shared with `npm run demo`;
 * tests import it from here. See that file for what it starts and how.
 */
export * from '../../../sandbox/network';
export * from './chat';
