import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { CharterRule } from '../../../../shared/charter/schema';
import { ConfirmActions } from '../../../components/ConfirmActions';

interface RuleListProps {
  rules: readonly CharterRule[];
  /** An imported charter not saved yet: shown, not changed rule by rule. */
  readOnly: boolean;
  onEdit(rule: CharterRule): void;
  onToggle(rule: CharterRule, enabled: boolean): Promise<void>;
  /** Answers the refusal's text, or null when deleted. */
  onDelete(rule: CharterRule): Promise<string | null>;
}

/** The charter's rules: kind, severity, action, automatic; a switch to turn each on or off; change; delete after a confirmation. */
export function RuleList({ rules, readOnly, onEdit, onToggle, onDelete }: RuleListProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (rules.length === 0) return <p className="dialog-note">{t('charterEditor.empty')}</p>;
  return (
    <ul className="charter-rules" aria-label={t('inbox.charter.rules')}>
      {rules.map((rule) => (
        <li key={rule.id} className={`charter-rule ${rule.enabled ? '' : 'is-off'}`}>
          <div className="charter-rule-head">
            <strong>{rule.name}</strong>
            <span className="chip">{t(`inbox.charter.kinds.${rule.match.kind}`)}</span>
            <span className="chip">{t(`charterEditor.severities.${rule.severity}`)}</span>
            <span className="chip">{t(`inbox.charter.actions.${rule.action}`)}</span>
            {rule.automatic ? <span className="chip">{t('charterEditor.automaticChip')}</span> : null}
          </div>
          {confirming === rule.id ? (
            <div role="group" aria-label={t('charterEditor.deleteQuestion', { name: rule.name })} className="charter-rule-confirm">
              <p>{t('charterEditor.deleteQuestion', { name: rule.name })}</p>
              <ConfirmActions
                error={error}
                busy={busy}
                confirmLabel={t('charterEditor.deleteConfirm', { name: rule.name })}
                onCancel={() => {
                  setConfirming(null);
                  setError(null);
                }}
                onConfirm={() => {
                  setBusy(true);
                  void onDelete(rule).then((refused) => {
                    setBusy(false);
                    setError(refused);
                    if (!refused) setConfirming(null);
                  });
                }}
                errorClass="field-error"
              />
            </div>
          ) : (
            <div className="charter-rule-actions">
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  className="switch-input"
                  checked={rule.enabled}
                  aria-checked={rule.enabled}
                  disabled={readOnly}
                  aria-label={t('charterEditor.enabledFor', { name: rule.name })}
                  onChange={(e) => void onToggle(rule, e.target.checked)}
                />
                <span aria-hidden>{rule.enabled ? t('charterEditor.on') : t('charterEditor.off')}</span>
              </label>
              <Button className="btn btn-ghost" data-rule-edit={rule.id} isDisabled={readOnly} onPress={() => onEdit(rule)}>
                {t('charterEditor.edit', { name: rule.name })}
              </Button>
              <Button className="btn btn-ghost" isDisabled={readOnly} onPress={() => setConfirming(rule.id)}>
                {t('inbox.charter.remove', { name: rule.name })}
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
