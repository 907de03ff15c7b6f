import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { Check } from 'lucide-react';
import { MissedPolicy } from '../../../shared/schedule/missed';
import { AppDialog } from '../../components/AppDialog';
import { ApprovalSetting } from './ApprovalSetting';
import { errorText } from '../../i18n';
import { usePublishing } from '../../stores/publishing';
import { useToasts } from '../../stores/toasts';
import { useWorkspaces } from '../../stores/workspaces';
import { LoadError } from '../../components/LoadError';

export const MISSED_POLICIES = MissedPolicy.options;

/** The workspace's publishing rules: missed posts, alt text, photo metadata. Each change is saved at once. */
export function PublishingSettingsDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const settings = usePublishing((s) => s.byWorkspace[workspaceId]);
  const loadError = usePublishing((s) => s.errors[workspaceId]);
  const load = usePublishing((s) => s.load);
  useEffect(() => {
    void load(workspaceId);
  }, [load, workspaceId]);
  if (!workspace) return null;

  const update = async (patch: Parameters<ReturnType<typeof usePublishing.getState>['update']>[1]) => {
    const result = await usePublishing.getState().update(workspaceId, patch);
    if (!result.ok) useToasts.getState().show({ tone: 'error', message: t('settings.saveFailed', { reason: errorText(result.error) }) });
  };

  return (
    <AppDialog title={t('publishing.settingsTitle', { name: workspace.name })} onClose={onClose} size="medium" dismissable>
      {!settings && loadError ? (
        <LoadError message={t('publishing.loadFailed', { reason: errorText(loadError) })} onRetry={() => void load(workspaceId)} />
      ) : null}
      {!settings && !loadError ? <p>{t('common.loading')}</p> : null}
      {settings ? (
        <div className="settings">
          <RadioGroup className="choice" value={settings.missedPolicy} onChange={(value) => void update({ missedPolicy: value as MissedPolicy })}>
            <Label className="field-label">{t('publishing.missedPolicy.label')}</Label>
            <Text slot="description" className="field-hint">
              {t('publishing.missedPolicy.hint')}
            </Text>
            <div className="radio-list">
              {MISSED_POLICIES.map((policy) => (
                <Radio key={policy} value={policy} className="radio">
                  <span className="radio-dot" aria-hidden />
                  <span>{t(`publishing.missedPolicy.${policy}`)}</span>
                </Radio>
              ))}
            </div>
          </RadioGroup>
          <Checkbox className="checkbox" isSelected={settings.requireAltText} onChange={(value) => void update({ requireAltText: value })}>
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden>
                  {isSelected ? <Check size={12} /> : null}
                </span>
                <span>
                  <span className="checkbox-title">{t('publishing.requireAltText')}</span>
                  <span className="field-hint checkbox-hint">{t('publishing.requireAltTextHint')}</span>
                </span>
              </>
            )}
          </Checkbox>
          <Checkbox className="checkbox" isSelected={settings.keepPhotoMetadata} onChange={(value) => void update({ keepPhotoMetadata: value })}>
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden>
                  {isSelected ? <Check size={12} /> : null}
                </span>
                <span>
                  <span className="checkbox-title">{t('publishing.keepPhotoMetadata')}</span>
                  <span className="field-hint checkbox-hint">{t('publishing.keepPhotoMetadataHint')}</span>
                </span>
              </>
            )}
          </Checkbox>
          <ApprovalSetting workspaceId={workspaceId} />
        </div>
      ) : null}
    </AppDialog>
  );
}
