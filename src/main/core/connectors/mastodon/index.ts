/**
 * Mastodon (and any server implementing the Mastodon client API). The core reaches it through
 * its driver (driver.ts, registered in connectors/index.ts); these are the pieces the tests
 * drive directly.
 */
export { registerApp, startOutOfBandAuthorization, MastodonAuthorizationError } from './oauth';
export { startLoopbackAuthorization } from './oauth-loopback';
export { verifyAccount } from './tokens';
export type { AppCachePort, RegisteredApp, AuthorizationResult } from './oauth';
export { readCapabilities, readInstance, MASTODON_DEFAULT_CAPABILITIES } from './capabilities';
export { createMastodonConnector } from './connector';
export type { MastodonConnectorOptions } from './connector';
