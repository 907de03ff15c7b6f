import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Radio, RadioGroup } from 'react-aria-components';
import { ChevronLeft, ChevronRight, Download, Globe, RefreshCw, Tags, Upload } from 'lucide-react';
import type { Workspace } from '../../../shared/domain';
import { IconButton } from '../../components/IconButton';
import { Tip } from '../../components/Tip';
import { useCalendar } from '../../stores/calendar';
import { useUi } from '../../stores/ui';
import { describeZone, timeZoneOptions } from '../publishing/scheduleTime';
import { CALENDAR_VIEWS, type CalendarView } from '../../model/calendar/calendarGrid';
import { CalendarFiltersButton } from './CalendarFilters';

interface CalendarToolbarProps {
  workspace: Workspace;
  title: string;
  onStep(step: -1 | 1): void;
  onToday(): void;
}

/** Today, previous / next, the title of what is shown, the views, colours, zones, filters, files. */
export function CalendarToolbar({ workspace, title, onStep, onToday }: CalendarToolbarProps) {
  const { t } = useTranslation();
  const view = useCalendar((s) => s.view);
  const colorBy = useCalendar((s) => s.colorBy);
  const secondZone = useCalendar((s) => s.secondZone);
  const setPrefs = useCalendar((s) => s.set);
  const openDialog = useUi((s) => s.openDialog);
  const [now] = useState(() => Date.now());
  return (
    <div className="cal-toolbar">
      <div className="cal-toolbar-group">
        <Tip label={t('calendar.today')} shortcut="T">
          <Button className="btn btn-ghost cal-today" onPress={onToday}>
            {t('calendar.today')}
          </Button>
        </Tip>
        <IconButton label={t(`calendar.previous.${view}`)} icon={ChevronLeft} shortcut="PageUp" onPress={() => onStep(-1)} />
        <IconButton label={t(`calendar.next.${view}`)} icon={ChevronRight} shortcut="PageDown" onPress={() => onStep(1)} />
        <h2 className="cal-title" aria-live="polite">
          {title}
        </h2>
      </div>
      <div className="cal-toolbar-group">
        <RadioGroup className="choice" aria-label={t('calendar.viewLabel')} orientation="horizontal" value={view} onChange={(v) => setPrefs({ view: v as CalendarView })}>
          <div className="segmented">
            {CALENDAR_VIEWS.map((v, i) => (
              <Radio key={v} value={v} className="segment" aria-keyshortcuts={String(i + 1)}>
                {t(`calendar.views.${v}`)}
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <RadioGroup className="choice" aria-label={t('calendar.colorBy.label')} orientation="horizontal" value={colorBy} onChange={(v) => setPrefs({ colorBy: v as 'account' | 'campaign' })}>
          <div className="segmented">
            <Radio value="account" className="segment">
              {t('calendar.colorBy.account')}
            </Radio>
            <Radio value="campaign" className="segment">
              {t('calendar.colorBy.campaign')}
            </Radio>
          </div>
        </RadioGroup>
      </div>
      <div className="cal-toolbar-group">
        <span className="cal-zone" data-testid="calendar-zone">
          <Globe size={14} aria-hidden />
          {t('calendar.zone', { zone: describeZone(workspace.timeZone, now) })}
        </span>
        <label className="cal-second-zone">
          <span>{t('calendar.secondZone')}</span>
          <select className="input" value={secondZone ?? ''} onChange={(e) => setPrefs({ secondZone: e.target.value || null })}>
            <option value="">{t('calendar.noSecondZone')}</option>
            {timeZoneOptions(secondZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <CalendarFiltersButton workspaceId={workspace.id} />
        <IconButton label={t('calendar.manage')} text={t('calendar.manageShort')} icon={Tags} onPress={() => openDialog({ kind: 'campaigns', workspaceId: workspace.id })} />
        <IconButton label={t('calendar.import.open')} icon={Upload} onPress={() => openDialog({ kind: 'calendarImport', workspaceId: workspace.id })} />
        <IconButton label={t('calendar.export.open')} icon={Download} onPress={() => openDialog({ kind: 'calendarExport', workspaceId: workspace.id })} />
        <IconButton label={t('calendar.caldav.open')} icon={RefreshCw} onPress={() => openDialog({ kind: 'caldav', workspaceId: workspace.id })} />
      </div>
    </div>
  );
}
