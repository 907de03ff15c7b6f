/** Bluesky (AT Protocol) connector: login, publishing, record keys, image fitting, link cards. */
export { loginBluesky, DEFAULT_SERVICE, type BlueskyLoginOptions, type BlueskyLoginResult, type BlueskyProfile } from './login';
export { newRecordKey, isValidTid } from './tid';
export { createBlueskyConnector, BLUESKY_CAPABILITIES, MAX_IMAGE_BYTES, type BlueskyConnectorOptions } from './connector';
export { imageForBluesky, BLUESKY_IMAGE_RULES } from './images';
export { createLinkCardFetcher, fetchLinkCard, parseLinkMetadata, type LinkCard, type LinkCardFetcher } from './linkcard';
export { resolvePds, resolveHandleToDid, resolveDidDocument, type IdentityResolverOptions } from './identity';
