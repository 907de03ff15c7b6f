import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Label, TextArea, TextField } from 'react-aria-components';
import { Download, Upload } from 'lucide-react';
import type { CharterRule } from '../../../shared/charter/schema';
import type { CommandOutput } from '../../../shared/contract';
import { AppDialog } from '../../components/AppDialog';
import { matchedText } from '../../components/FlagBadges';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { downloadText } from '../../lib/download';

type Kind = 'words' | 'regex' | 'link_domains';
type TestResult = CommandOutput<'charter.test'>;

const ruleOf = (id: string, name: string, kind: Kind, value: string, action: CharterRule['action']): CharterRule => {
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  const match = kind === 'words' ? { kind, terms: list } : kind === 'regex' ? { kind, pattern: value, caseInsensitive: true } : { kind, domains: list };
  return { id, name, severity: 'warning', action, automatic: false, enabled: true, match } as CharterRule;
};

/** The workspace's charter: its rules, a new rule tested on sample text and on what is cached (live), saved, exported, imported. */
export function CharterDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<CharterRule[]>([]);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('words');
  const [value, setValue] = useState('');
  const [action, setAction] = useState<CharterRule['action']>('flag');
  const [sample, setSample] = useState('');
  const [test, setTest] = useState<TestResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void getClient().invoke('charter.get', { workspaceId }).then((r) => r.ok && setRules(r.value.rules));
  }, [workspaceId]);
  const draft = () => ruleOf(crypto.randomUUID().slice(0, 8), name.trim() || t('inbox.charter.unnamed'), kind, value, action);
  // Live: what the rule being written would flag, as it is typed.
  useEffect(() => {
    const handle = setTimeout(
      () => {
        if (!value.trim()) setTest(null);
        else void getClient().invoke('charter.test', { workspaceId, rule: draft(), ...(sample ? { sample } : {}) }).then((r) => setTest(r.ok ? r.value : null));
      },
      value.trim() ? 300 : 0,
    );
    return () => clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- draft() reads these values
  }, [workspaceId, kind, value, sample, action]);
  const save = async (next: CharterRule[]) => {
    const r = await getClient().invoke('charter.save', { workspaceId, charter: { format: 'tribune-charter', version: 1, rules: next } });
    if (!r.ok) return setMessage(errorText(r.error));
    setRules(r.value.rules);
    setMessage(t('inbox.charter.saved'));
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const r = await getClient().invoke('charter.import', { workspaceId, text: await file.text() });
    if (!r.ok) return setMessage(errorText(r.error));
    setRules(r.value.rules);
    setMessage(t('inbox.charter.imported', { count: r.value.rules.length }));
  };
  const exportFile = async () => {
    const r = await getClient().invoke('charter.export', { workspaceId });
    if (r.ok) downloadText(r.value.fileName, 'application/json', r.value.text);
  };
  return (
    <AppDialog title={t('inbox.charter.title')} onClose={onClose} size="large">
      <ul className="charter-rules" aria-label={t('inbox.charter.rules')}>
        {rules.map((rule) => (
          <li key={rule.id}>
            <strong>{rule.name}</strong> <span className="chip">{t(`inbox.charter.kinds.${rule.match.kind}`)}</span> <span className="chip">{t(`inbox.charter.actions.${rule.action}`)}</span>
            <Button className="button" onPress={() => void save(rules.filter((r) => r.id !== rule.id))}>
              {t('inbox.charter.remove', { name: rule.name })}
            </Button>
          </li>
        ))}
      </ul>
      <fieldset className="charter-new">
        <legend>{t('inbox.charter.newRule')}</legend>
        <TextField className="field" value={name} onChange={setName} maxLength={120}>
          <Label>{t('inbox.charter.name')}</Label>
          <Input />
        </TextField>
        <label className="field">
          {t('inbox.charter.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['words', 'regex', 'link_domains'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`inbox.charter.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <TextField className="field" value={value} onChange={setValue}>
          <Label>{t(`inbox.charter.value.${kind}`)}</Label>
          <Input />
        </TextField>
        <label className="field">
          {t('inbox.charter.action')}
          <select value={action} onChange={(e) => setAction(e.target.value as CharterRule['action'])}>
            {(['flag', 'hide', 'report', 'reply'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`inbox.charter.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <TextField className="field" value={sample} onChange={setSample}>
          <Label>{t('inbox.charter.sample')}</Label>
          <TextArea rows={2} />
        </TextField>
        <div aria-live="polite" className="charter-test">
          {test?.problem ? <p role="alert">{t(`inbox.charter.problems.${test.problem.reason}`, { defaultValue: test.problem.reason })}</p> : null}
          {test && !test.problem ? (
            <>
              {sample ? <p>{test.sample.length > 0 ? t('inbox.charter.sampleMatches', { matched: matchedText(t, test.sample[0]!.matched) }) : t('inbox.charter.sampleClean')}</p> : null}
              <p>{t('inbox.charter.live', { count: test.matches.length, scanned: test.scanned })}</p>
              <ul className="charter-matches">
                {test.matches.slice(0, 5).map((m) => (
                  <li key={m.itemId}>
                    <mark>{matchedText(t, m.matched)}</mark> {m.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <Button className="button primary" isDisabled={!value.trim() || !!test?.problem} onPress={() => void save([...rules, draft()]).then(() => setValue(''))}>
          {t('inbox.charter.add')}
        </Button>
      </fieldset>
      {message ? <p role="status">{message}</p> : null}
      <div className="dialog-actions">
        <Button className="button" onPress={() => void exportFile()}>
          <Download size={14} aria-hidden /> {t('inbox.charter.export')}
        </Button>
        <label className="button">
          <Upload size={14} aria-hidden /> {t('inbox.charter.import')}
          <input type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void importFile(e)} />
        </label>
        {rules.length > 0 ? (
          <Button className="button" onPress={() => void save(rules)}>
            {t('inbox.charter.saveAll')}
          </Button>
        ) : null}
      </div>
    </AppDialog>
  );
}
