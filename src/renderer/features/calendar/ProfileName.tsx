import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Label, Text, TextField } from 'react-aria-components';
import { useApp } from '../../stores/app';

/** Settings: the local profile's name, which signs comments and the changes a teammate imports. */
export function ProfileName() {
  const { t } = useTranslation();
  const stored = useApp((s) => s.settings.profileName);
  const update = useApp((s) => s.updateSettings);
  const [value, setValue] = useState<string | null>(null);
  const save = () => {
    if (value !== null && value.trim() !== stored) void update({ profileName: value.trim() });
    setValue(null);
  };
  return (
    <TextField className="field" value={value ?? stored} onChange={setValue} onBlur={save} maxLength={80} onKeyDown={(e) => e.key === 'Enter' && save()}>
      <Label className="field-label">{t('calendar.profile.label')}</Label>
      <Input className="input" placeholder={t('calendar.profile.placeholder')} />
      <Text slot="description" className="field-hint">
        {t('calendar.profile.hint')}
      </Text>
    </TextField>
  );
}
