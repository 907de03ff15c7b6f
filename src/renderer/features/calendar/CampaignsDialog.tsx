import { useEffect, useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Pencil, Trash2 } from 'lucide-react';
import type { Campaign, Label } from '../../../shared/calendar/schemas';
import { WORKSPACE_COLORS } from '../../../shared/domain';
import { AppDialog } from '../../components/AppDialog';
import { IconButton } from '../../components/IconButton';
import { getClient, type ClientResult } from '../../client';
import { errorText } from '../../i18n';
import { useCalendar } from '../../stores/calendar';
import { useCampaigns } from '../../stores/campaigns';
import { FormError } from '../../components/FormError';

const NO_CAMPAIGNS: Campaign[] = [];
const NO_LABELS: Label[] = [];

type CampaignDraft = { id?: string; name: string; color: string; startsOn: string; endsOn: string; goal: string };
const emptyCampaign = (): CampaignDraft => ({ name: '', color: WORKSPACE_COLORS[4], startsOn: '', endsOn: '', goal: '' });
type LabelDraft = { id?: string; name: string; color: string };
const emptyLabel = (): LabelDraft => ({ name: '', color: WORKSPACE_COLORS[0] });

function useSaver(workspaceId: string) {
  const load = useCampaigns((s) => s.load);
  return async (run: () => Promise<ClientResult<unknown>>, onError: (message: string) => void): Promise<boolean> => {
    const result = await run();
    if (!result.ok) {
      onError(errorText(result.error));
      return false;
    }
    await load(workspaceId);
    useCalendar.getState().invalidate(workspaceId);
    return true;
  };
}

function CampaignForm({ workspaceId, value, onChange, onDone }: { workspaceId: string; value: CampaignDraft; onChange(v: CampaignDraft): void; onDone(): void }) {
  const { t } = useTranslation();
  const save = useSaver(workspaceId);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { ...(value.id ? { id: value.id } : {}), workspaceId, name: value.name, color: value.color, startsOn: value.startsOn || null, endsOn: value.endsOn || null, goal: value.goal };
    if (await save(() => getClient().invoke('campaign.save', input), setError)) {
      setError(null);
      onDone();
    }
  };
  const field = (key: keyof CampaignDraft) => ({ value: value[key] ?? '', onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }) });
  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-labelledby="campaign-form-title">
      <h4 id="campaign-form-title" className="field-label">
        {value.id ? t('calendar.manageDialog.editCampaign', { name: value.name }) : t('calendar.manageDialog.newCampaign')}
      </h4>
      <div className="manage-form-row">
        <label className="field">
          <span className="field-label">{t('calendar.manageDialog.name')}</span>
          <input className="input" required maxLength={80} {...field('name')} />
        </label>
        <label className="field" style={{ flex: '0 0 auto', minWidth: 0 }}>
          <span className="field-label">{t('calendar.manageDialog.color')}</span>
          <input className="input color-input" type="color" {...field('color')} />
        </label>
      </div>
      <div className="manage-form-row">
        <label className="field">
          <span className="field-label">{t('calendar.manageDialog.startsOn')}</span>
          <input className="input" type="date" {...field('startsOn')} />
        </label>
        <label className="field">
          <span className="field-label">{t('calendar.manageDialog.endsOn')}</span>
          <input className="input" type="date" {...field('endsOn')} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('calendar.manageDialog.goal')}</span>
        <textarea className="input" rows={2} maxLength={2000} {...field('goal')} />
      </label>
      <ManageFormEnd error={error} editing={!!value.id} addLabel={t('calendar.manageDialog.addCampaign')} onCancel={onDone} />
    </form>
  );
}

/** A form's error and its buttons: while editing, Cancel and Save; otherwise the add button alone. */
function ManageFormEnd({ error, editing, addLabel, onCancel }: { error: string | null; editing: boolean; addLabel: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <>
      <FormError message={error} />
      <div className="form-actions">
        {editing ? (
          <Button className="btn btn-ghost" onPress={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
        <Button type="submit" className="btn btn-primary">
          {editing ? t('calendar.manageDialog.save') : addLabel}
        </Button>
      </div>
    </>
  );
}

function LabelForm({ workspaceId, value, onChange, onDone }: { workspaceId: string; value: LabelDraft; onChange(v: LabelDraft): void; onDone(): void }) {
  const { t } = useTranslation();
  const save = useSaver(workspaceId);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { ...(value.id ? { id: value.id } : {}), workspaceId, name: value.name, color: value.color };
    if (await save(() => getClient().invoke('label.save', input), setError)) {
      setError(null);
      onDone();
    }
  };
  return (
    <form className="manage-form" onSubmit={(e) => void submit(e)} aria-labelledby="label-form-title">
      <h4 id="label-form-title" className="field-label">
        {value.id ? t('calendar.manageDialog.editLabel', { name: value.name }) : t('calendar.manageDialog.newLabel')}
      </h4>
      <div className="manage-form-row">
        <label className="field">
          <span className="field-label">{t('calendar.manageDialog.labelName')}</span>
          <input className="input" required maxLength={40} value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
        </label>
        <label className="field" style={{ flex: '0 0 auto', minWidth: 0 }}>
          <span className="field-label">{t('calendar.manageDialog.color')}</span>
          <input className="input color-input" type="color" value={value.color} onChange={(e) => onChange({ ...value, color: e.target.value })} />
        </label>
      </div>
      <ManageFormEnd error={error} editing={!!value.id} addLabel={t('calendar.manageDialog.addLabel')} onCancel={onDone} />
    </form>
  );
}

/** Campaigns (name, colour, dates, goal) and labels of a workspace: list, add, edit, delete. */
export function CampaignsDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns((s) => s.campaigns[workspaceId] ?? NO_CAMPAIGNS);
  const labels = useCampaigns((s) => s.labels[workspaceId] ?? NO_LABELS);
  const load = useCampaigns((s) => s.load);
  const remove = useSaver(workspaceId);
  const [campaign, setCampaign] = useState<CampaignDraft>(emptyCampaign);
  const [label, setLabel] = useState<LabelDraft>(emptyLabel);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void load(workspaceId);
  }, [load, workspaceId]);

  return (
    <AppDialog title={t('calendar.manageDialog.title')} onClose={onClose} size="large">
      <FormError message={error} />
      <div className="manage-grid">
        <section aria-labelledby="campaigns-title">
          <h3 id="campaigns-title" className="planning-title">
            {t('calendar.manageDialog.campaigns')}
          </h3>
          {campaigns.length === 0 ? <p className="field-hint">{t('calendar.manageDialog.noCampaigns')}</p> : null}
          <ul className="manage-list" aria-labelledby="campaigns-title">
            {campaigns.map((c) => (
              <li key={c.id} className="manage-item">
                <span className="swatch" style={{ '--label-color': c.color } as CSSProperties} aria-hidden />
                <span className="manage-item-name">
                  {c.name}
                  {c.startsOn || c.endsOn ? <span className="manage-item-meta"> · {t('calendar.manageDialog.dates', { from: c.startsOn ?? '…', to: c.endsOn ?? '…' })}</span> : null}
                </span>
                <IconButton
                  label={t('calendar.manageDialog.edit', { name: c.name })}
                  icon={Pencil}
                  onPress={() => setCampaign({ id: c.id, name: c.name, color: c.color, startsOn: c.startsOn ?? '', endsOn: c.endsOn ?? '', goal: c.goal })}
                />
                <IconButton
                  label={t('calendar.manageDialog.delete', { name: c.name })}
                  icon={Trash2}
                  variant="danger"
                  onPress={() => void remove(() => getClient().invoke('campaign.delete', { id: c.id }), setError)}
                />
              </li>
            ))}
          </ul>
          <CampaignForm key={campaign.id ?? 'new'} workspaceId={workspaceId} value={campaign} onChange={setCampaign} onDone={() => setCampaign(emptyCampaign())} />
        </section>
        <section aria-labelledby="labels-title">
          <h3 id="labels-title" className="planning-title">
            {t('calendar.manageDialog.labels')}
          </h3>
          {labels.length === 0 ? <p className="field-hint">{t('calendar.manageDialog.noLabels')}</p> : null}
          <ul className="manage-list" aria-labelledby="labels-title">
            {labels.map((l) => (
              <li key={l.id} className="manage-item">
                <span className="swatch" style={{ '--label-color': l.color } as CSSProperties} aria-hidden />
                <span className="manage-item-name">{l.name}</span>
                <IconButton label={t('calendar.manageDialog.edit', { name: l.name })} icon={Pencil} onPress={() => setLabel({ id: l.id, name: l.name, color: l.color })} />
                <IconButton
                  label={t('calendar.manageDialog.delete', { name: l.name })}
                  icon={Trash2}
                  variant="danger"
                  onPress={() => void remove(() => getClient().invoke('label.delete', { id: l.id }), setError)}
                />
              </li>
            ))}
          </ul>
          <LabelForm key={label.id ?? 'new'} workspaceId={workspaceId} value={label} onChange={setLabel} onDone={() => setLabel(emptyLabel())} />
        </section>
      </div>
    </AppDialog>
  );
}
