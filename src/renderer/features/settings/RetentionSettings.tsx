import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, NumberField, Text } from 'react-aria-components';
import type { BoardRetention } from '../../../shared/board/schemas';
import { getClient, type ClientError } from '../../client';
import { errorText } from '../../i18n';

type Field = keyof BoardRetention;
/** Each limit with its bounds (the contract's) and the step the arrow keys move by. */
const FIELDS: { key: Field; min: number; max: number; step: number }[] = [
  { key: 'maxItemsPerColumn', min: 100, max: 50_000, step: 100 },
  { key: 'maxItemsTotal', min: 1_000, max: 1_000_000, step: 1_000 },
  { key: 'imageCacheMegabytes', min: 10, max: 10_000, step: 10 },
];

/**
 * Settings > the board's cache: how many posts each column and the whole cache keep, and how
 * much disk the images take. Saved with the button or Enter; the core prunes at once.
 */
export function RetentionSettings() {
  const { t } = useTranslation();
  const [values, setValues] = useState<BoardRetention | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; error: ClientError; load: boolean } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void getClient()
      .invoke('board.getRetention', {})
      .then((result) => {
        if (!live) return;
        if (result.ok) setValues(result.value);
        else setStatus({ kind: 'error', error: result.error, load: true });
      });
    return () => {
      live = false;
    };
  }, []);

  const complete = values !== null && FIELDS.every((f) => Number.isFinite(values[f.key]));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!values || !complete || saving) return;
    setSaving(true);
    const result = await getClient().invoke('board.setRetention', values);
    setSaving(false);
    if (result.ok) {
      setValues(result.value);
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'error', error: result.error, load: false });
  };

  return (
    <form className="retention" aria-labelledby="retention-title" onSubmit={(e) => void onSubmit(e)}>
      <h3 className="field-label" id="retention-title">
        {t('retention.title')}
      </h3>
      <p className="field-hint">{t('retention.hint')}</p>
      {values
        ? FIELDS.map((f) => (
            <NumberField
              key={f.key}
              className="field"
              value={values[f.key]}
              minValue={f.min}
              maxValue={f.max}
              step={f.step}
              formatOptions={{ maximumFractionDigits: 0 }}
              onChange={(n) => {
                setValues({ ...values, [f.key]: n });
                setStatus(null);
              }}
            >
              <Label className="field-label">{t(`retention.${f.key}`)}</Label>
              <Input className="input" />
              <Text slot="description" className="field-hint">
                {t('retention.range', { min: f.min.toLocaleString(), max: f.max.toLocaleString() })}
              </Text>
            </NumberField>
          ))
        : null}
      <div className="retention-actions">
        <Button type="submit" className="btn" isDisabled={!complete || saving}>
          {t('retention.save')}
        </Button>
        <span role="status" className="save-status">
          {status?.kind === 'saved' ? t('retention.saved') : null}
        </span>
      </div>
      {status?.kind === 'error' ? (
        <p role="alert" className="field-error">
          {t(status.load ? 'retention.loadFailed' : 'retention.saveFailed', { reason: errorText(status.error) })}
        </p>
      ) : null}
    </form>
  );
}
