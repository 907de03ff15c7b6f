/** The person's choices on an import preview, as calendar.importApply takes them. Pure. */
import type { MergeChoice } from '../../../shared/calendar/schemas';

/** Per post (by UID): left out, and for conflicts the side kept per field. */
export type Choices = Record<string, { skip: boolean; fields: Record<string, 'mine' | 'theirs'> }>;

/** Only what differs from the defaults travels: a skipped post, a field's chosen side. */
export function mergeChoices(choices: Choices): MergeChoice[] {
  return Object.entries(choices)
    .filter(([, c]) => c.skip || Object.keys(c.fields).length > 0)
    .map(([uid, c]) => ({ uid, ...(c.skip ? { skip: true } : {}), ...(Object.keys(c.fields).length > 0 ? { fields: c.fields } : {}) }));
}
