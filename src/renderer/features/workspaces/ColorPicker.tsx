import { useTranslation } from 'react-i18next';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { Check } from 'lucide-react';
import { WORKSPACE_COLORS } from '../../../shared/domain';
import { readableTextColor } from '../../lib/color';

export type WorkspaceColorValue = (typeof WORKSPACE_COLORS)[number];

export function ColorPicker({ value, onChange }: { value: WorkspaceColorValue; onChange(color: WorkspaceColorValue): void }) {
  const { t } = useTranslation();
  return (
    <RadioGroup className="color-picker" value={value} onChange={(v) => onChange(v as WorkspaceColorValue)} orientation="horizontal">
      <Label className="field-label">{t('workspaces.color')}</Label>
      <div className="swatches">
        {WORKSPACE_COLORS.map((color, i) => (
          <Radio
            key={color}
            value={color}
            className="swatch"
            aria-label={t(`colors.${i}`)}
            style={{ backgroundColor: color, color: readableTextColor(color) }}
          >
            {({ isSelected }) => (isSelected ? <Check size={14} aria-hidden /> : null)}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
