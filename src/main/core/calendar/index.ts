/** The editorial calendar in the core: repositories wired to the calendar's handlers. */
import type { Handlers } from '../handler-types';
import type { AccountRepository } from '../repositories/accounts';
import { CalDavRepository } from '../repositories/caldav';
import { CalendarRepository } from '../repositories/calendar';
import { CampaignRepository } from '../repositories/campaigns';
import { ExchangeRepository } from '../repositories/exchange';
import { HistoryRepository } from '../repositories/history';
import type { MediaRepository } from '../repositories/media';
import { PlanningRepository } from '../repositories/planning';
import type { Vault } from '../vault/vault';
import { CalDavService } from './caldav';
import { ExchangeService } from './exchange';
import { createCalendarExchangeHandlers } from './exchange-handlers';
import { createCalendarPlanningHandlers } from './handlers';
import { Importer, type ImportReplan, type StagedImport } from './importer';
import type { CalendarCommands } from './names';
import type { CalendarServices } from './services';
import { Staging } from './staging';

export type CalendarCoreDeps = Pick<CalendarServices, 'db' | 'clock' | 'workspaces' | 'drafts' | 'settings' | 'emit' | 'onReviewChanged' | 'onApprovalSettingChanged'> & {
  accounts: AccountRepository;
  media: MediaRepository | null;
  vault: Pick<Vault, 'storeSecret' | 'readSecret' | 'deleteSecret'>;
  caldavFetch?: typeof fetch;
  /** Publishing's re-planning of a scheduled post an import moved or rewrote. */
  replanImported?: ImportReplan;
};

export function createCalendarServices(d: CalendarCoreDeps): CalendarServices {
  return {
    db: d.db,
    clock: d.clock,
    workspaces: d.workspaces,
    drafts: d.drafts,
    settings: d.settings,
    emit: d.emit,
    ...(d.onReviewChanged ? { onReviewChanged: d.onReviewChanged } : {}),
    ...(d.onApprovalSettingChanged ? { onApprovalSettingChanged: d.onApprovalSettingChanged } : {}),
    calendar: new CalendarRepository(d.db),
    campaigns: new CampaignRepository(d.db),
    planning: new PlanningRepository(d.db),
    history: new HistoryRepository(d.db),
  };
}

export interface CalendarCore {
  handlers: Pick<Handlers, CalendarCommands>;
  caldav: CalDavService;
}

export function createCalendarCore(d: CalendarCoreDeps): CalendarCore {
  const services = createCalendarServices(d);
  const now = () => d.clock.now();
  const exchange = new ExchangeRepository(d.db);
  const importer = new Importer(d.db, exchange, services.history, now, d.replanImported ?? null);
  const staging = new Staging<StagedImport>(now);
  const files = new ExchangeService({ db: d.db, now, exchange, importer, campaigns: services.campaigns, accounts: d.accounts, media: d.media });
  const caldav = new CalDavService({
    repo: new CalDavRepository(d.db),
    exchange,
    files,
    importer,
    staging,
    vault: d.vault,
    now,
    author: () => d.settings.get().profileName,
    ...(d.caldavFetch ? { fetch: d.caldavFetch } : {}),
  });
  return {
    handlers: { ...createCalendarPlanningHandlers(services), ...createCalendarExchangeHandlers(services, { exchange: files, importer, staging, caldav }) },
    caldav,
  };
}
