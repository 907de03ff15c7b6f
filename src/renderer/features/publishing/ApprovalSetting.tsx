import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from 'react-aria-components';
import { Check } from 'lucide-react';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { useCalendar } from '../../stores/calendar';
import { useToasts } from '../../stores/toasts';

/** The workspace's rule "posts are approved before they go" (draft -> in review -> approved -> scheduled). */
export function ApprovalSetting({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void getClient()
      .invoke('workspace.getApproval', { id: workspaceId })
      .then((result) => {
        if (live && result.ok) setValue(result.value.requireApproval);
      });
    return () => {
      live = false;
    };
  }, [workspaceId]);
  if (value === null) return null;
  const change = async (next: boolean) => {
    setValue(next);
    const result = await getClient().invoke('workspace.setApproval', { id: workspaceId, requireApproval: next });
    if (!result.ok) {
      setValue(!next);
      useToasts.getState().show({ tone: 'error', message: t('settings.saveFailed', { reason: errorText(result.error) }) });
    } else useCalendar.getState().invalidate(workspaceId);
  };
  return (
    <Checkbox className="checkbox" isSelected={value} onChange={(next) => void change(next)}>
      {({ isSelected }) => (
        <>
          <span className="checkbox-box" aria-hidden>
            {isSelected ? <Check size={12} /> : null}
          </span>
          <span>
            <span className="checkbox-title">{t('calendar.approval.label')}</span>
            <span className="field-hint checkbox-hint">{t('calendar.approval.hint')}</span>
          </span>
        </>
      )}
    </Checkbox>
  );
}
