import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ACTIONS, emptyRuleForm, formOfRule, RULE_KINDS, ruleOfForm, SEVERITIES, TEXT_KINDS, type RuleField, type RuleForm } from '../../../../shared/charter/rule-form';
import type { CharterRule } from '../../../../shared/charter/schema';
import { matchedText } from '../../../components/FlagBadges';
import { Field } from '../../../components/Field';
import { KindFields, problemText } from './RuleFields';
import { useRuleTest, type SampleAuthor } from './useRuleTest';

interface RuleEditorProps {
  workspaceId: string;
  /** The rule being changed, or null for a new one. */
  editing: CharterRule | null;
  /** Saves the rule (added or changed in place); answers the refusal's text, or null when saved. */
  onSave(rule: CharterRule): Promise<string | null>;
  onCancel(): void;
}

/**
 * One rule of the charter, of any kind the engine runs: name, severity, suggested action,
 * opt-in automatic action, on or off, the kind's settings; tested live on a sample (and its
 * author, for account rules) and on the cached items before it is saved.
 */
export function RuleEditor({ workspaceId, editing, onSave, onCancel }: RuleEditorProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<RuleForm>(() => (editing ? formOfRule(editing) : emptyRuleForm()));
  const [id] = useState(() => editing?.id ?? crypto.randomUUID());
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sample, setSample] = useState('');
  const [author, setAuthor] = useState<SampleAuthor>({ ageDays: '', emptyProfile: false });
  const set = <K extends RuleField>(field: K, value: RuleForm[K]) => setForm((f) => ({ ...f, [field]: value }));
  const made = ruleOfForm(id, form);
  // The live test needs only the kind's settings: a rule without a name yet is tested all the same.
  const testable = useMemo(() => {
    const r = ruleOfForm(id, { ...form, name: form.name.trim() || t('inbox.charter.unnamed'), automatic: false });
    return r.ok ? r.rule : null;
  }, [id, form, t]);
  const test = useRuleTest(workspaceId, testable, sample, form.kind === 'new_account' ? author : null);
  const problems = tried && !made.ok ? made.problems : [];
  const problem = (field: RuleField) => problems.find((p) => p.field === field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!made.ok || test?.problem) return;
    setRefusal(await onSave(made.rule));
  };

  return (
    <form className="charter-new" onSubmit={(e) => void submit(e)} aria-labelledby="rule-editor-title">
      <h3 id="rule-editor-title" className="charter-editor-title">
        {editing ? t('charterEditor.editTitle', { name: editing.name }) : t('inbox.charter.newRule')}
      </h3>
      <Field id="rule-name" label={t('inbox.charter.name')} error={problemText(t, problem('name'))}>
        {(aria) => <input {...aria} className="input" value={form.name} maxLength={120} onChange={(e) => set('name', e.target.value)} autoFocus />}
      </Field>
      <div className="rule-numbers">
        <Field id="rule-kind" label={t('inbox.charter.kind')}>
          {(aria) => (
            <select {...aria} className="input" value={form.kind} onChange={(e) => set('kind', e.target.value as RuleForm['kind'])}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`inbox.charter.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="rule-severity" label={t('charterEditor.fields.severity')}>
          {(aria) => (
            <select {...aria} className="input" value={form.severity} onChange={(e) => set('severity', e.target.value as RuleForm['severity'])}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`charterEditor.severities.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="rule-action" label={t('inbox.charter.action')}>
          {(aria) => (
            <select {...aria} className="input" value={form.action} onChange={(e) => set('action', e.target.value as RuleForm['action'])}>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`inbox.charter.actions.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <KindFields form={form} problems={problems} set={set} />
      <label className="checkbox-line">
        <input type="checkbox" checked={form.automatic} onChange={(e) => set('automatic', e.target.checked)} aria-describedby="rule-automatic-hint" />
        <span>{t('charterEditor.fields.automatic')}</span>
      </label>
      <span id="rule-automatic-hint" className="field-hint">
        {t('charterEditor.hints.automatic')}
      </span>
      {problem('automatic') ? <span className="field-error">{t('charterEditor.problems.automatic_action')}</span> : null}
      <label className="checkbox-line">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        <span>{t('charterEditor.fields.enabled')}</span>
      </label>

      <Field id="rule-sample" label={t('inbox.charter.sample')} hint={TEXT_KINDS.includes(form.kind) ? undefined : t(`charterEditor.sampleHints.${form.kind}`)}>
        {(aria) => <textarea {...aria} className="input" rows={2} value={sample} onChange={(e) => setSample(e.target.value)} />}
      </Field>
      {form.kind === 'new_account' ? (
        <div className="rule-numbers">
          <Field id="rule-sample-age" label={t('charterEditor.fields.sampleAge')}>
            {(aria) => <input {...aria} className="input input-number" type="number" inputMode="numeric" value={author.ageDays} onChange={(e) => setAuthor((a) => ({ ...a, ageDays: e.target.value }))} />}
          </Field>
          <label className="checkbox-line">
            <input type="checkbox" checked={author.emptyProfile} onChange={(e) => setAuthor((a) => ({ ...a, emptyProfile: e.target.checked }))} />
            <span>{t('charterEditor.fields.sampleEmpty')}</span>
          </label>
        </div>
      ) : null}
      <div aria-live="polite" className="charter-test" data-testid="rule-test">
        {test?.problem ? <p role="alert">{t(`inbox.charter.problems.${test.problem.reason}`, { defaultValue: test.problem.reason })}</p> : null}
        {test && !test.problem ? (
          <>
            {sample.trim() || form.kind === 'new_account' ? (
              <p>{test.sample.length > 0 ? t('inbox.charter.sampleMatches', { matched: matchedText(t, test.sample[0]!.matched) }) : t('inbox.charter.sampleClean')}</p>
            ) : null}
            <p>{t('inbox.charter.live', { count: test.matches.length, scanned: test.scanned })}</p>
            <ul className="charter-matches" aria-label={t('charterEditor.liveList')}>
              {test.matches.slice(0, 5).map((m) => (
                <li key={m.itemId}>
                  <mark>{matchedText(t, m.matched)}</mark> {m.text}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {refusal ? <p role="alert" className="field-error">{refusal}</p> : null}
      <div className="dialog-actions">
        <Button className="btn btn-ghost" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" className="btn btn-primary">
          {editing ? t('charterEditor.saveRule') : t('inbox.charter.add')}
        </Button>
      </div>
    </form>
  );
}
