import { useTranslation } from 'react-i18next';
import { Checkbox, Radio, RadioGroup } from 'react-aria-components';
import { Check } from 'lucide-react';
import type { ChangeKind, FieldDiff, ImportPreview, PreviewItem } from '../../../../shared/calendar/schemas';
import type { Choices } from '../../../model/calendar/importChoices';
import { i18n } from '../../../i18n';
import { formatInZone } from '../../publishing/scheduleTime';
import { importValueText } from './importValues';


const ORDER: ChangeKind[] = ['conflict', 'new', 'changed', 'deleted', 'unchanged'];

/** base / mine / theirs for one field, with the side to keep (keyboard: arrows in the radio group). */
function ThreeWayField({ uid, diff, zone, value, onChange }: { uid: string; diff: FieldDiff; zone: string; value: 'mine' | 'theirs'; onChange(v: 'mine' | 'theirs'): void }) {
  const { t } = useTranslation();
  const shown = (v: string | null) => importValueText(diff.field, v, zone, i18n.language, t);
  const field = t(`calendar.import.fields.${diff.field}`);
  return (
    <tr className={diff.conflict ? 'is-conflict' : ''}>
      <th scope="row">{field}</th>
      <td className="diff-base">{shown(diff.base)}</td>
      <td className="diff-mine">{shown(diff.mine)}</td>
      <td className="diff-theirs">{shown(diff.theirs)}</td>
      <td>
        {diff.conflict ? (
          <RadioGroup
            className="threeway-pick"
            aria-label={t('calendar.import.pick', { field })}
            orientation="horizontal"
            value={value}
            onChange={(v) => onChange(v as 'mine' | 'theirs')}
            data-uid={uid}
          >
            <Radio value="mine" className="radio">
              <span className="radio-dot" aria-hidden />
              <span>{t('calendar.import.mine')}</span>
            </Radio>
            <Radio value="theirs" className="radio">
              <span className="radio-dot" aria-hidden />
              <span>{t('calendar.import.theirs')}</span>
            </Radio>
          </RadioGroup>
        ) : (
          <span className="field-hint">{t('calendar.import.auto')}</span>
        )}
      </td>
    </tr>
  );
}

function ItemDiff({ item, zone, choice, onChoice }: { item: PreviewItem; zone: string; choice: Choices[string] | undefined; onChoice(c: Choices[string]): void }) {
  const { t } = useTranslation();
  const current = choice ?? { skip: false, fields: {} };
  const title = item.title || t('calendar.item.untitled');
  return (
    <li className={`import-item import-${item.change}`} data-change={item.change}>
      <div className="import-item-head">
        <span className={`import-kind import-kind-${item.change}`}>{t(item.keptMine ? 'calendar.import.kinds.keptMine' : `calendar.import.kinds.${item.change}`)}</span>
        <strong className="import-title">{title}</strong>
        {item.at ? <span className="field-hint">{formatInZone(item.at, zone, i18n.language)}</span> : null}
        {item.change !== 'unchanged' ? (
          <Checkbox className="checkbox import-skip" isSelected={!current.skip} onChange={(keep) => onChoice({ ...current, skip: !keep })}>
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden>
                  {isSelected ? <Check size={12} /> : null}
                </span>
                <span>{t('calendar.import.keep', { title })}</span>
              </>
            )}
          </Checkbox>
        ) : null}
      </div>
      {item.fields.length > 0 && item.change !== 'unchanged' ? (
        <table className="import-diff">
          <caption className="sr-only">{t('calendar.import.differences', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.import.field')}</th>
              <th scope="col">{t('calendar.import.base')}</th>
              <th scope="col">{t('calendar.import.mine')}</th>
              <th scope="col">{t('calendar.import.theirs')}</th>
              <th scope="col">{t('calendar.import.kept')}</th>
            </tr>
          </thead>
          <tbody>
            {item.fields.map((diff) => (
              <ThreeWayField
                key={diff.field}
                uid={item.uid}
                diff={diff}
                zone={zone}
                value={current.fields[diff.field] ?? (item.change === 'conflict' ? 'mine' : 'theirs')}
                onChange={(side) => onChoice({ ...current, fields: { ...current.fields, [diff.field]: side } })}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

/** The preview: counts, lines that will not be imported (and why), and every post with its differences. */
export function ImportPreviewView({ preview, zone, choices, onChoices }: { preview: ImportPreview; zone: string; choices: Choices; onChoices(c: Choices): void }) {
  const { t } = useTranslation();
  const items = [...preview.items].sort((a, b) => ORDER.indexOf(a.change) - ORDER.indexOf(b.change));
  const kept = preview.items.filter((i) => i.keptMine).length;
  return (
    <div className="import-preview">
      <p id="import-counts" className="import-counts" data-testid="import-counts">
        {(['new', 'changed', 'unchanged', 'conflict', 'deleted', 'refused'] as const)
          .filter((k) => preview.counts[k] > 0)
          .map((k) => (k === 'unchanged' && kept > 0 ? t('calendar.import.counts.unchangedKept', { count: preview.counts[k], kept }) : t(`calendar.import.counts.${k}`, { count: preview.counts[k] })))
          .join(' · ') || t('calendar.import.nothing')}
      </p>
      {preview.rowProblems.length > 0 ? (
        <section aria-labelledby="import-problems">
          <h3 id="import-problems" className="field-label">
            {t('calendar.import.problems', { count: preview.rowProblems.length })}
          </h3>
          <ul className="import-problems">
            {preview.rowProblems.map((p) => (
              <li key={`${p.line}-${p.code}`} data-line={p.line}>
                {i18n.exists(`calendarCore.rows.${p.code}`) ? t(`calendarCore.rows.${p.code}`, { ...p.params, line: p.line }) : t('calendar.import.rowUnknown', { line: p.line, code: p.code })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length > 0 ? (
        <ul className="import-items" aria-label={t('calendar.import.posts')}>
          {items.map((item) => (
            <ItemDiff key={item.uid} item={item} zone={zone} choice={choices[item.uid]} onChoice={(c) => onChoices({ ...choices, [item.uid]: c })} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
