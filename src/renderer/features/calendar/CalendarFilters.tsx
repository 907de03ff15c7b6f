import { useTranslation } from 'react-i18next';
import { Button, Checkbox, CheckboxGroup, Dialog, DialogTrigger, Label, Popover } from 'react-aria-components';
import { Check, Filter } from 'lucide-react';
import { CalendarStatus, type CalendarFilters } from '../../../shared/calendar/schemas';
import { Network } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { Tip } from '../../components/Tip';
import { useAccounts } from '../../stores/accounts';
import { useEffect } from 'react';
import { useCalendar } from '../../stores/calendar';
import { useCampaigns } from '../../stores/campaigns';

const EMPTY: never[] = [];

function Group({ label, value, options, onChange }: { label: string; value: string[]; options: { id: string; name: string }[]; onChange(next: string[]): void }) {
  if (options.length === 0) return null;
  return (
    <CheckboxGroup className="cal-filter-group" value={value} onChange={onChange}>
      <Label className="field-label">{label}</Label>
      {options.map((option) => (
        <Checkbox key={option.id} value={option.id} className="checkbox">
          {({ isSelected }) => (
            <>
              <span className="checkbox-box" aria-hidden>
                {isSelected ? <Check size={12} /> : null}
              </span>
              <span>{option.name}</span>
            </>
          )}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

/** Filters: accounts, networks, campaigns, labels, statuses. Nothing ticked in a group: all of them. */
export function CalendarFiltersButton({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const filters = useCalendar((s) => s.filters);
  const setPrefs = useCalendar((s) => s.set);
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId] ?? EMPTY);
  const campaigns = useCampaigns((s) => s.campaigns[workspaceId] ?? EMPTY);
  const labels = useCampaigns((s) => s.labels[workspaceId] ?? EMPTY);
  const loadCampaigns = useCampaigns((s) => s.load);
  useEffect(() => {
    void loadCampaigns(workspaceId);
  }, [loadCampaigns, workspaceId]);
  const active = Object.values(filters).reduce((n, list) => n + (list?.length ?? 0), 0);
  const change = (key: keyof CalendarFilters) => (next: string[]) => setPrefs({ filters: { ...filters, [key]: next.length > 0 ? next : undefined } });
  return (
    <DialogTrigger>
      <Tip label={t('calendar.filters.title')}>
        <Button className={`btn btn-ghost ${active > 0 ? 'is-active' : ''}`}>
          <Filter size={16} aria-hidden />
          <span>{active > 0 ? t('calendar.filters.count', { count: active }) : t('calendar.filters.title')}</span>
        </Button>
      </Tip>
      <Popover className="popover cal-filters" placement="bottom end">
        <Dialog className="cal-filters-dialog" aria-label={t('calendar.filters.title')}>
          <Group
            label={t('calendar.filters.accounts')}
            value={filters.accounts ?? []}
            options={accounts.map((a) => ({ id: a.id, name: atHandle(a.handle) }))}
            onChange={change('accounts')}
          />
          <Group
            label={t('calendar.filters.networks')}
            value={filters.networks ?? []}
            options={Network.options.map((n) => ({ id: n, name: t(`networks.${n}`) }))}
            onChange={change('networks')}
          />
          <Group
            label={t('calendar.filters.campaigns')}
            value={filters.campaigns ?? []}
            options={campaigns.map((c) => ({ id: c.id, name: c.name }))}
            onChange={change('campaigns')}
          />
          <Group label={t('calendar.filters.labels')} value={filters.labels ?? []} options={labels.map((l) => ({ id: l.id, name: l.name }))} onChange={change('labels')} />
          <Group
            label={t('calendar.filters.statuses')}
            value={filters.statuses ?? []}
            options={CalendarStatus.options.map((s) => ({ id: s, name: t(`calendar.status.${s}`) }))}
            onChange={change('statuses')}
          />
          {active > 0 ? (
            <Button className="btn btn-link" onPress={() => setPrefs({ filters: {} })}>
              {t('calendar.filters.clear')}
            </Button>
          ) : null}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
