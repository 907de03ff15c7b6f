/**
 * The core's own refusals, each with its stable code (src/shared/result.ts) and the values its
 * translation needs; the English message is for logs and for a UI too old to know the code.
 */
import { AppFailure } from '../../shared/result';

export const failures = {
  workspaceNotFound: () => new AppFailure('workspace_not_found', 'This workspace was not found (it may have been deleted).'),
  draftNotFound: () => new AppFailure('draft_not_found', 'This draft was not found (it may have been deleted).'),
  postNotFound: () => new AppFailure('post_not_found', 'This post was not found (it may have been deleted).'),
  accountNotFound: () => new AppFailure('account_not_found', 'This account was not found (it may have been removed).'),
  mediaNotFound: () => new AppFailure('media_not_found', 'This image is missing from the data folder.'),
  timeZoneUnknown: (zone: string) => new AppFailure('time_zone_unknown', `Unknown time zone "${zone}".`, { zone }),
  draftIdTaken: () => new AppFailure('draft_id_taken', 'A draft with this id already exists.'),
  draftDeleted: () => new AppFailure('draft_deleted', 'This draft was deleted meanwhile; restore it to keep editing.'),
  publicationNotFound: () => new AppFailure('publication_not_found', 'This publication was not found (it may have been deleted).'),
};
