export { startMastodonStandIn, OOB_REDIRECT_URI } from './standin';
export type { Fault, MastodonStandIn, MastodonStandInOptions, RequestLogEntry, ServedFault, StandInState, Violation } from './standin';
export { DEFAULT_LIMITS, countCharacters } from './entities';
export type { InstanceLimits, MediaRecord, ScheduledStatusRecord, StatusRecord, TokenRecord, AppRecord } from './entities';
export { SPEC_EXCEPTIONS, mastodonSpec } from './spec';
