import { useTranslation } from 'react-i18next';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { PUBLISH_UNDO_CHOICES, type Settings } from '../../../shared/domain';
import { AppDialog } from '../../components/AppDialog';
import { useApp } from '../../stores/app';
import { ProfileName } from '../calendar/ProfileName';
import { RetentionSettings } from './RetentionSettings';

type TextSetting = 'language' | 'theme' | 'columnWidth';

function Choice<K extends TextSetting>({ setting, options }: { setting: K; options: readonly Settings[K][] }) {
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

/** How long "Publish now" waits, with an Undo button, before the post goes. */
function UndoDelayChoice() {
  const { t } = useTranslation();
  const value = useApp((s) => s.settings.publishUndoSeconds);
  const update = useApp((s) => s.updateSettings);
  return (
    <RadioGroup
      className="choice"
      value={String(value)}
      orientation="horizontal"
      aria-describedby="undo-delay-hint"
      onChange={(next) => {
        const seconds = PUBLISH_UNDO_CHOICES.find((choice) => String(choice) === next);
        if (seconds !== undefined) void update({ publishUndoSeconds: seconds });
      }}
    >
      <Label className="field-label">{t('planning.undoSetting.label')}</Label>
      <div className="segmented">
        {PUBLISH_UNDO_CHOICES.map((seconds) => (
          <Radio key={seconds} value={String(seconds)} className="segment">
            {seconds === 0 ? t('planning.undoSetting.off') : t('planning.undoSetting.seconds', { count: seconds })}
          </Radio>
        ))}
      </div>
      <p className="field-hint" id="undo-delay-hint">
        {t('planning.undoSetting.hint')}
      </p>
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
        <UndoDelayChoice />
        <ProfileName />
        <RetentionSettings />
        {info ? <p className="settings-about">{t('settings.about', { version: info.version, host: t(`settings.host.${info.host}`) })}</p> : null}
      </div>
    </AppDialog>
  );
}
