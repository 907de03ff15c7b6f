/** Mastodon (and any server implementing the Mastodon client API). */
export { normalizeInstanceUrl, isLoopbackHost, InstanceUrlError } from './instance-url';
export {
  registerApp,
  startLoopbackAuthorization,
  startOutOfBandAuthorization,
  verifyAccount,
  revokeToken,
  MastodonAuthorizationError,
  OOB_REDIRECT_URI,
  SCOPES,
} from './oauth';
export type {
  AppCachePort,
  RegisteredApp,
  AuthorizationResult,
  AuthorizationFailureReason,
  LoopbackAuthorization,
  OutOfBandAuthorization,
  VerifiedAccount,
} from './oauth';
export { readCapabilities, readInstance, MASTODON_DEFAULTS, MASTODON_DEFAULT_CAPABILITIES } from './capabilities';
export type { InstanceInfo } from './capabilities';
export { createMastodonConnector, MastodonSecrets } from './connector';
export type { MastodonConnectorOptions } from './connector';
