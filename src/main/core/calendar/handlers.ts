/** The calendar's planning half of the contract: read model, campaigns, labels, planning, approval, comments, history. */
import { randomUUID } from 'node:crypto';
import type { CalendarFilters, CalendarItem, PostPlanning, ReviewState } from '../../../shared/calendar/schemas';
import { MAX_RANGE_DAYS } from '../../../shared/calendar/schemas';
import { slotInstants } from '../../../shared/schedule/slots';
import { AppFailure } from '../../../shared/result';
import type { Handlers } from '../handler-types';
import type { CalendarPlanningCommands } from './names';
import type { CalendarServices } from './services';
import { toIso } from '../clock';

const DAY = 86_400_000;
/** Ghost slots are drawn for views up to six weeks (a month view with its padding). */
export const GHOST_SLOT_MAX_DAYS = 42;

const notFound = (what: string, code: 'campaign_not_found' | 'label_not_found' | 'workspace_not_found' | 'draft_not_found') => new AppFailure(code, `${what} was not found (it may have been deleted).`);

export function matchesFilters(item: CalendarItem, f: CalendarFilters | undefined): boolean {
  if (!f) return true;
  if (f.statuses?.length && !f.statuses.includes(item.status)) return false;
  if (f.campaigns?.length && !(item.campaignId && f.campaigns.includes(item.campaignId))) return false;
  if (f.labels?.length && !item.labelIds.some((id) => f.labels!.includes(id))) return false;
  if (f.accounts?.length && !item.targets.some((t) => f.accounts!.includes(t.accountId))) return false;
  if (f.networks?.length && !item.targets.some((t) => f.networks!.includes(t.network))) return false;
  return true;
}

export function createCalendarPlanningHandlers(s: CalendarServices): Pick<Handlers, CalendarPlanningCommands> {
  const workspace = (id: string) => s.workspaces.get(id) ?? (() => { throw notFound('This workspace', 'workspace_not_found'); })();
  const post = (draftId: string) => {
    const row = s.planning.get(draftId);
    if (!row || row.deleted_at !== null) throw notFound('This post', 'draft_not_found');
    return row;
  };
  const planning = (draftId: string): PostPlanning => {
    const row = post(draftId);
    return {
      draftId,
      kind: row.kind,
      campaignId: row.campaign_id,
      labelIds: s.campaigns.postLabelIds(draftId),
      plannedAt: row.planned_at === null ? null : toIso(row.planned_at),
      reviewState: row.review_state,
      requireApproval: s.planning.requireApproval(row.workspace_id),
    };
  };
  const changed = (workspaceId: string) => s.emit('calendar.changed', { workspaceId });
  const transition = (draftId: string, allowed: ReviewState[], to: ReviewState): PostPlanning => {
    const row = post(draftId);
    if (!allowed.includes(row.review_state) || !s.planning.transition(draftId, row.review_state, to, s.clock.now())) {
      throw new AppFailure('review_transition_invalid', `This post cannot go from ${row.review_state} to ${to}.`, { from: row.review_state, to });
    }
    s.onReviewChanged?.(draftId, to);
    changed(row.workspace_id);
    return planning(draftId);
  };
  const profileName = () => s.settings.get().profileName || '';

  return {
    'calendar.range': ({ workspaceId, from, to, filters }) => {
      const ws = workspace(workspaceId);
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      if (!(toMs > fromMs) || toMs - fromMs > MAX_RANGE_DAYS * DAY) {
        throw new AppFailure('calendar_range_invalid', `A calendar range runs forward and spans at most ${MAX_RANGE_DAYS} days.`, { maxDays: MAX_RANGE_DAYS });
      }
      const all = s.calendar.items(workspaceId, fromMs, toMs);
      const items = all.filter((item) => matchesFilters(item, filters));
      const ghostSlots: { accountId: string; at: string }[] = [];
      if (toMs - fromMs <= GHOST_SLOT_MAX_DAYS * DAY) {
        const taken = new Set(all.flatMap((i) => i.targets.map((t) => `${t.accountId}|${Date.parse(i.at)}`)));
        for (const account of s.calendar.accountSlots(workspaceId, ws.timeZone)) {
          if (filters?.accounts?.length && !filters.accounts.includes(account.accountId)) continue;
          for (const at of slotInstants(account.slots, account.timeZone, fromMs, toMs)) {
            if (!taken.has(`${account.accountId}|${at}`)) ghostSlots.push({ accountId: account.accountId, at: toIso(at) });
          }
        }
        ghostSlots.sort((a, b) => a.at.localeCompare(b.at) || a.accountId.localeCompare(b.accountId));
      }
      return {
        timeZone: ws.timeZone,
        items,
        ghostSlots,
        campaigns: s.campaigns.listCampaigns(workspaceId),
        labels: s.campaigns.listLabels(workspaceId),
        requireApproval: s.planning.requireApproval(workspaceId),
      };
    },

    'campaign.list': ({ workspaceId }) => (workspace(workspaceId), s.campaigns.listCampaigns(workspaceId)),
    'campaign.save': (input) => {
      workspace(input.workspaceId);
      const saved = s.campaigns.saveCampaign(
        { id: input.id ?? randomUUID(), workspaceId: input.workspaceId, name: input.name, color: input.color, startsOn: input.startsOn, endsOn: input.endsOn, goal: input.goal },
        s.clock.now(),
      );
      if (!saved) throw new AppFailure('campaign_other_workspace', 'This campaign belongs to another workspace.');
      changed(input.workspaceId);
      return saved;
    },
    'campaign.delete': ({ id }) => {
      const campaign = s.campaigns.getCampaign(id) ?? (() => { throw notFound('This campaign', 'campaign_not_found'); })();
      s.campaigns.deleteCampaign(id);
      changed(campaign.workspaceId);
      return { done: true };
    },
    'label.list': ({ workspaceId }) => (workspace(workspaceId), s.campaigns.listLabels(workspaceId)),
    'label.save': (input) => {
      workspace(input.workspaceId);
      const id = input.id ?? randomUUID();
      const same = s.campaigns.labelByName(input.workspaceId, input.name);
      if (same && same.id !== id) throw new AppFailure('label_name_taken', `A label named "${input.name}" already exists.`, { name: input.name });
      const saved = s.campaigns.saveLabel({ id, workspaceId: input.workspaceId, name: input.name, color: input.color }, s.clock.now());
      if (!saved) throw new AppFailure('label_other_workspace', 'This label belongs to another workspace.');
      changed(input.workspaceId);
      return saved;
    },
    'label.delete': ({ id }) => {
      const label = s.campaigns.getLabel(id) ?? (() => { throw notFound('This label', 'label_not_found'); })();
      s.campaigns.deleteLabel(id);
      changed(label.workspaceId);
      return { done: true };
    },

    'post.planning': ({ draftId }) => planning(draftId),
    'post.setPlanning': ({ draftId, campaignId, labelIds, plannedAt, kind, timeZone }) => {
      const row = post(draftId);
      const now = s.clock.now();
      if (campaignId) {
        const campaign = s.campaigns.getCampaign(campaignId);
        if (!campaign || campaign.workspaceId !== row.workspace_id) throw notFound('This campaign', 'campaign_not_found');
      }
      const labels = labelIds ? [...new Set(labelIds)] : undefined;
      for (const id of labels ?? []) {
        const label = s.campaigns.getLabel(id);
        if (!label || label.workspaceId !== row.workspace_id) throw notFound('This label', 'label_not_found');
      }
      s.db.transaction(() => {
        if (campaignId !== undefined) s.planning.setCampaign(draftId, campaignId, now);
        if (labels) s.campaigns.setPostLabels(draftId, labels);
        if (plannedAt !== undefined) s.planning.setPlannedAt(draftId, plannedAt === null ? null : Date.parse(plannedAt), now);
        if (kind) s.planning.setKind(draftId, kind, now);
        if (timeZone) s.planning.setTimeZone(draftId, timeZone, now);
        s.planning.touch(draftId, now);
      })();
      changed(row.workspace_id);
      s.emit('drafts.changed', { workspaceId: row.workspace_id });
      return planning(draftId);
    },
    'calendar.createIdea': ({ id, workspaceId, title, plannedAt }) => {
      workspace(workspaceId);
      const now = s.clock.now();
      s.db.transaction(() => {
        const outcome = s.drafts.save({ id, workspaceId, text: title, now });
        if ('conflict' in outcome) throw new AppFailure('calendar_item_id_taken', 'An item with this id already exists elsewhere.');
        s.planning.setKind(id, 'idea', now);
        s.planning.setPlannedAt(id, Date.parse(plannedAt), now);
      })();
      changed(workspaceId);
      s.emit('drafts.changed', { workspaceId });
      return planning(id);
    },

    'review.submit': ({ draftId }) => transition(draftId, ['draft'], 'in_review'),
    'review.approve': ({ draftId }) => transition(draftId, ['in_review'], 'approved'),
    'review.reject': ({ draftId, comment }) => {
      const result = transition(draftId, ['in_review', 'approved'], 'draft');
      if (comment) s.planning.addComment({ id: randomUUID(), draftId, author: profileName(), text: comment, createdAt: s.clock.now() });
      return result;
    },
    'workspace.getApproval': ({ id }) => (workspace(id), { requireApproval: s.planning.requireApproval(id) }),
    'workspace.setApproval': ({ id, requireApproval }) => {
      workspace(id);
      s.planning.setRequireApproval(id, requireApproval);
      s.onApprovalSettingChanged?.(id, requireApproval);
      changed(id);
      return { requireApproval: s.planning.requireApproval(id) };
    },

    'comment.list': ({ draftId }) => (post(draftId), s.planning.comments(draftId)),
    'comment.add': ({ id, draftId, text }) => {
      const row = post(draftId);
      const comment = s.planning.addComment({ id: id ?? randomUUID(), draftId, author: profileName(), text, createdAt: s.clock.now() });
      changed(row.workspace_id);
      return comment;
    },
    'post.history': ({ draftId }) => s.history.forDraft(draftId),
  };
}
