import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ToggleButton } from 'react-aria-components';
import { CalendarDays, Tags, X } from 'lucide-react';
import type { CSSProperties } from 'react';
import type { Campaign, Label } from '../../../../shared/calendar/schemas';
import { errorText } from '../../../i18n';
import { useCampaigns } from '../../../stores/campaigns';
import { useComposer } from '../../../stores/composer';
import { pendingTime, usePlanning } from '../../../stores/planning';
import { useToasts } from '../../../stores/toasts';
import { useUi } from '../../../stores/ui';
import { useWorkspaces } from '../../../stores/workspaces';
import { formatInZone } from '../../publishing/scheduleTime';
import { CommentsThread } from './CommentsThread';
import { PostVersions } from './PostVersions';
import { ReviewBar } from './ReviewBar';

const NO_CAMPAIGNS: Campaign[] = [];
const NO_LABELS: Label[] = [];

/**
 * The composer's editorial calendar part: planned date, campaign, labels, approval, comments.
 * Usable once the draft exists (the first character typed).
 */
export function PlanningPanel() {
  const { t, i18n } = useTranslation();
  const open = useComposer((s) => s.open);
  const draftId = useComposer((s) => s.draftId);
  const workspaceId = useComposer((s) => s.workspaceId);
  const post = useComposer((s) => s.post);
  const zone = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId)?.timeZone) ?? 'UTC';
  const campaigns = useCampaigns((s) => (workspaceId ? s.campaigns[workspaceId] : undefined) ?? NO_CAMPAIGNS);
  const labels = useCampaigns((s) => (workspaceId ? s.labels[workspaceId] : undefined) ?? NO_LABELS);
  const loadCampaigns = useCampaigns((s) => s.load);
  const follow = usePlanning((s) => s.follow);
  const planning = usePlanning((s) => s.planning);
  const focusRequest = useComposer((s) => s.focusRequest);
  const pendingAt = usePlanning((s) => pendingTime(s, focusRequest));
  const change = usePlanning((s) => s.change);

  // A new draft exists in the core once its first save is acknowledged: only then can it be planned.
  const savedId = useComposer((s) => (s.save.status === 'saved' || !s.createdHere ? s.draftId : null));
  const [storedId, setStoredId] = useState<string | null>(null);
  if (savedId && savedId !== storedId) setStoredId(savedId);
  const followed = open && draftId !== null && draftId === storedId ? draftId : null;
  useEffect(() => {
    void follow(followed);
  }, [follow, followed]);
  useEffect(() => {
    if (workspaceId) void loadCampaigns(workspaceId);
  }, [loadCampaigns, workspaceId]);

  const apply = async (patch: Parameters<typeof change>[0]) => {
    const result = await change(patch);
    if (!result.ok) useToasts.getState().show({ tone: 'error', message: t('calendar.planning.saveFailed', { reason: errorText(result.error) }) });
  };

  const ready = followed !== null && planning !== null;
  const plannedAt = ready ? planning.plannedAt : pendingAt;
  const labelIds = planning?.labelIds ?? [];

  return (
    <section className="planning" aria-labelledby="planning-title">
      <h3 id="planning-title" className="planning-title">
        <CalendarDays size={14} aria-hidden />
        <span>{t('calendar.title')}</span>
      </h3>
      {plannedAt && post?.state !== 'scheduled' ? (
        <p className="planning-when" data-testid="planned-at">
          <span>{t('calendar.planning.plannedFor', { when: formatInZone(plannedAt, zone, i18n.language, { long: true }) })}</span>
          {ready ? (
            <Button className="btn btn-ghost btn-icon" aria-label={t('calendar.planning.clearDate')} onPress={() => void apply({ plannedAt: null })}>
              <X size={14} aria-hidden />
            </Button>
          ) : null}
        </p>
      ) : null}
      {!ready ? <p className="field-hint">{t('calendar.planning.writeFirst')}</p> : null}
      <div className="planning-row">
        <label className="field planning-campaign">
          <span className="field-label">{t('calendar.planning.campaign')}</span>
          <select
            className="input"
            disabled={!ready}
            value={planning?.campaignId ?? ''}
            onChange={(e) => void apply({ campaignId: e.target.value || null })}
          >
            <option value="">{t('calendar.planning.noCampaign')}</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {workspaceId ? (
          // A campaign or a label is often thought of while writing: made here, it is offered at once.
          <Button className="btn btn-ghost planning-manage" onPress={() => useUi.getState().openDialog({ kind: 'campaigns', workspaceId })}>
            <Tags size={14} aria-hidden />
            {t('calendar.manage')}
          </Button>
        ) : null}
      </div>
      {labels.length > 0 ? (
        <div className="planning-labels" role="group" aria-label={t('calendar.planning.labels')}>
          <span className="field-label" aria-hidden>
            {t('calendar.planning.labels')}
          </span>
          {labels.map((label) => {
            const selected = labelIds.includes(label.id);
            return (
              <ToggleButton
                key={label.id}
                className="label-chip"
                isSelected={selected}
                isDisabled={!ready}
                style={{ '--label-color': label.color } as CSSProperties}
                onChange={(on) => void apply({ labelIds: on ? [...labelIds, label.id] : labelIds.filter((id) => id !== label.id) })}
              >
                <span className="label-dot" aria-hidden />
                {label.name}
              </ToggleButton>
            );
          })}
        </div>
      ) : null}
      {ready && planning.requireApproval ? <ReviewBar /> : null}
      {ready ? <CommentsThread /> : null}
      {ready ? <PostVersions key={followed} draftId={followed} /> : null}
    </section>
  );
}
