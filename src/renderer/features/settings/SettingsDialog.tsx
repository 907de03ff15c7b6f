import { useTranslation } from 'react-i18next';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import type { Settings } from '../../../shared/domain';
import { AppDialog } from '../../components/AppDialog';
import { useApp } from '../../stores/app';
import { ProfileName } from '../calendar/ProfileName';

function Choice<K extends keyof Settings>({ setting, options }: { setting: K; options: readonly Settings[K][] }) {
  const { t } = useTranslation();
  const value = useApp((s) => s.settings[setting]);
  const update = useApp((s) => s.updateSettings);
  return (
    <RadioGroup className="choice" value={value} orientation="horizontal" onChange={(next) => void update({ [setting]: next } as Partial<Settings>)}>
      <Label className="field-label">{t(`settings.${String(setting)}.label`)}</Label>
      <div className="segmented">
        {options.map((option) => (
          <Radio key={option} value={option} className="segment">
            {t(`settings.${String(setting)}.${String(option)}`)}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  return (
    <AppDialog title={t('settings.title')} onClose={onClose} size="medium" dismissable>
      <div className="settings">
        <Choice setting="language" options={['system', 'fr', 'en']} />
        <Choice setting="theme" options={['system', 'light', 'dark']} />
        <Choice setting="columnWidth" options={['narrow', 'normal', 'wide']} />
        <ProfileName />
        {info ? <p className="settings-about">{t('settings.about', { version: info.version, host: t(`settings.host.${info.host}`) })}</p> : null}
      </div>
    </AppDialog>
  );
}
