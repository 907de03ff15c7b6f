/**
 * The calendar's commands, in one place. Until CAL-CORE's commands are in the contract this
 * file is the only one that names them.
 */
import type { CalendarFilters, CalendarRange } from '../../../shared/calendar/schemas';
import { getClient, type ClientResult } from '../../client';

type Invoke = <T>(name: string, input: unknown) => Promise<ClientResult<T>>;
const invoke: Invoke = (name, input) => (getClient().invoke as unknown as Invoke)(name, input);

export const calendarApi = {
  plan: (input: { draftId: string; plannedAt: string | null }) => invoke<unknown>('post.setPlanning', input),
  range: (input: { workspaceId: string; from: string; to: string; filters?: CalendarFilters }) => invoke<CalendarRange>('calendar.range', input),
};
