import type { EventName, EventPayload } from '../../../shared/contract';
import type { ReviewState } from '../../../shared/calendar/schemas';
import type { Clock } from '../clock';
import type { CalendarRepository } from '../repositories/calendar';
import type { CampaignRepository } from '../repositories/campaigns';
import type { DraftRepository } from '../repositories/drafts';
import type { HistoryRepository } from '../repositories/history';
import type { PlanningRepository } from '../repositories/planning';
import type { SettingsRepository } from '../repositories/settings';
import type { WorkspaceRepository } from '../repositories/workspaces';
import type { Db } from '../store/database';

/** What the calendar's handlers need. */
export interface CalendarServices {
  db: Db;
  clock: Clock;
  workspaces: WorkspaceRepository;
  drafts: DraftRepository;
  settings: SettingsRepository;
  calendar: CalendarRepository;
  campaigns: CampaignRepository;
  planning: PlanningRepository;
  history: HistoryRepository;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Publishing releases targets held for approval once a post is approved. */
  onReviewChanged?: (draftId: string, state: ReviewState) => void;
  onApprovalSettingChanged?: (workspaceId: string, required: boolean) => void;
}
