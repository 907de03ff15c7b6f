import { useTranslation } from 'react-i18next';
import { ChoiceList } from '../../../components/ChoiceList';
import { datesInWords, EXPORT_RANGE_CHOICES, exportDates, type ExportRangeChoice } from '../../../model/calendar/exportRange';

export interface ExportRange {
  choice: ExportRangeChoice;
  /** The person's own dates ("YYYY-MM-DD"), used by "Autres dates". */
  first: string;
  last: string;
}

/**
 * Which dates go in the file: quick choices, each with its dates in words in the interface's
 * language, and "Autres dates" with two date fields (their dates also said in words below them).
 */
export function ExportRangePicker({ range, today, shown, onChange }: { range: ExportRange; today: string; shown: { first: string; last: string }; onChange(r: ExportRange): void }) {
  const { t, i18n } = useTranslation();
  const words = (choice: ExportRangeChoice) => {
    const dates = exportDates(choice, today, shown);
    if (!dates) return null;
    return choice === 'planned' ? t('calendar.export.plannedFrom', { date: datesInWords(today, today, i18n.language) }) : datesInWords(dates.first, dates.last, i18n.language);
  };
  const choose = (choice: ExportRangeChoice) => {
    // "Autres dates" starts from the dates that were chosen, so they only need adjusting.
    const dates = exportDates(range.choice, today, shown);
    onChange(choice === 'custom' && dates && range.choice !== 'planned' ? { choice, ...dates } : { ...range, choice });
  };
  // "Ce qu'affiche le calendrier" is left out when it is this month (the same dates twice).
  const month = exportDates('month', today, shown)!;
  const choices = EXPORT_RANGE_CHOICES.filter((c) => c !== 'shown' || shown.first !== month.first || shown.last !== month.last);
  const valid = range.first !== '' && range.last !== '' && range.first <= range.last;
  return (
    <>
      <ChoiceList<ExportRangeChoice>
        label={t('calendar.export.range')}
        value={range.choice}
        choices={choices.map((choice) => ({ value: choice, title: t(`calendar.export.ranges.${choice}`), hint: words(choice) }))}
        onChange={choose}
      />
      {range.choice === 'custom' ? (
        <>
          <div className="schedule-fields">
            <label className="field">
              <span className="field-label">{t('calendar.export.from')}</span>
              <input className="input" type="date" required value={range.first} aria-describedby="export-dates" onChange={(e) => onChange({ ...range, first: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('calendar.export.to')}</span>
              <input className="input" type="date" required value={range.last} aria-describedby="export-dates" onChange={(e) => onChange({ ...range, last: e.target.value })} />
            </label>
          </div>
          <p id="export-dates" className="field-hint" data-testid="export-dates">
            {valid ? datesInWords(range.first, range.last, i18n.language) : t('calendar.export.badRange')}
          </p>
        </>
      ) : null}
    </>
  );
}
