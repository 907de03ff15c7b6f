/**
 * The networks Tribune publishes to. Adding one: a folder with its NetworkDriver (see types.ts
 * for the contract), one line below, and its name in the shared Network enum.
 */
import type { Network } from '../../../shared/domain';
import { blueskyDriver } from './bluesky/driver';
import { mastodonDriver } from './mastodon/driver';
import type { DriverContext, NetworkDriver } from './types';

export function networkDrivers(context: DriverContext): Record<Network, NetworkDriver> {
  return {
    bluesky: blueskyDriver(context),
    mastodon: mastodonDriver(context),
  };
}
