/** The editorial calendar in the core: repositories wired to the calendar's handlers. */
import type { Handlers } from '../handler-types';
import { CalendarRepository } from '../repositories/calendar';
import { CampaignRepository } from '../repositories/campaigns';
import { HistoryRepository } from '../repositories/history';
import { PlanningRepository } from '../repositories/planning';
import { createCalendarExchangeHandlers } from './exchange-handlers';
import { createCalendarPlanningHandlers } from './handlers';
import type { CalendarCommands } from './names';
import type { CalendarServices } from './services';

export type CalendarCoreDeps = Pick<CalendarServices, 'db' | 'clock' | 'workspaces' | 'drafts' | 'settings' | 'emit' | 'onReviewChanged' | 'onApprovalSettingChanged'>;

export function createCalendarServices(d: CalendarCoreDeps): CalendarServices {
  return {
    ...d,
    calendar: new CalendarRepository(d.db),
    campaigns: new CampaignRepository(d.db),
    planning: new PlanningRepository(d.db),
    history: new HistoryRepository(d.db),
  };
}

export function createCalendarCore(d: CalendarCoreDeps): Pick<Handlers, CalendarCommands> {
  const services = createCalendarServices(d);
  return { ...createCalendarPlanningHandlers(services), ...createCalendarExchangeHandlers(services) };
}
