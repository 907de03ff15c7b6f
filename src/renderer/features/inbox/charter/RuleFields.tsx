import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RuleField, RuleForm, RuleProblem } from '../../../../shared/charter/rule-form';
import { Field } from '../../../components/Field';

/** A problem of the rule's form in the UI's words (translated from the shared code). */
export function problemText(t: TFunction, problem: RuleProblem | undefined): string | undefined {
  return problem ? t(`charterEditor.problems.${problem.code}`, problem.params ?? {}) : undefined;
}

interface KindFieldsProps {
  form: RuleForm;
  problems: readonly RuleProblem[];
  set<K extends RuleField>(field: K, value: RuleForm[K]): void;
}

/** The settings of the rule's kind: terms, pattern, domains, or the numbers of the structural rules. */
export function KindFields({ form, problems, set }: KindFieldsProps) {
  const { t } = useTranslation();
  const problem = (field: RuleField) => problemText(t, problems.find((p) => p.field === field));
  const text = (field: 'terms' | 'pattern' | 'domains', rows = 1) => (
    <Field id={`rule-${field}`} label={t(`charterEditor.fields.${field}`)} hint={t(`charterEditor.hints.${field}`)} error={problem(field)}>
      {(aria) =>
        rows > 1 ? (
          <textarea {...aria} className="input" rows={rows} value={form[field]} onChange={(e) => set(field, e.target.value)} />
        ) : (
          <input {...aria} className="input" value={form[field]} onChange={(e) => set(field, e.target.value)} spellCheck={false} />
        )
      }
    </Field>
  );
  const number = (field: 'minMentions' | 'minLetters' | 'capsPercent' | 'minAuthors' | 'windowMinutes' | 'maxAgeDays') => (
    <Field id={`rule-${field}`} label={t(`charterEditor.fields.${field}`)} error={problem(field)}>
      {(aria) => <input {...aria} className="input input-number" type="number" inputMode="numeric" value={form[field]} onChange={(e) => set(field, e.target.value)} />}
    </Field>
  );
  const check = (field: 'caseInsensitive' | 'emptyProfile') => (
    <label className="checkbox-line">
      <input type="checkbox" checked={form[field]} onChange={(e) => set(field, e.target.checked)} />
      <span>{t(`charterEditor.fields.${field}`)}</span>
    </label>
  );
  switch (form.kind) {
    case 'words':
      return text('terms', 3);
    case 'regex':
      return (
        <>
          {text('pattern')}
          {check('caseInsensitive')}
        </>
      );
    case 'link_domains':
      return text('domains', 2);
    case 'mass_mentions':
      return number('minMentions');
    case 'all_caps':
      return (
        <div className="rule-numbers">
          {number('minLetters')}
          {number('capsPercent')}
        </div>
      );
    case 'spam_wave':
      return (
        <div className="rule-numbers">
          {number('minAuthors')}
          {number('windowMinutes')}
        </div>
      );
    case 'new_account':
      return (
        <>
          {number('maxAgeDays')}
          {check('emptyProfile')}
        </>
      );
  }
}
