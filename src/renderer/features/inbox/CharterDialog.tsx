import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Download, Plus, Upload } from 'lucide-react';
import type { Charter, CharterRule } from '../../../shared/charter/schema';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import type { ClientResult } from '../../client/types';
import { errorText } from '../../i18n';
import { downloadText } from '../../lib/download';
import { RuleEditor } from './charter/RuleEditor';
import { RuleList } from './charter/RuleList';

type Editing = { rule: CharterRule | null } | null;

/**
 * The workspace's charter: its rules (on/off, change, delete after a confirmation), one rule at a
 * time in the editor (every kind, tested live), and the charter as a file (export; an import is
 * shown, then saved whole or dropped).
 */
export function CharterDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<CharterRule[]>([]);
  const [imported, setImported] = useState<CharterRule[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** Where the focus goes back when the editor or a confirmation closes: the button that opened it. */
  const focusBack = useRef<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = focusBack.current;
    if (editing || !back) return;
    const button = back === 'new' ? null : body.current?.querySelector<HTMLElement>(`[data-rule-edit="${CSS.escape(back)}"]`);
    (button ?? body.current?.querySelector<HTMLElement>('[data-charter-new]'))?.focus();
    focusBack.current = null;
  }, [editing, rules]);
  const load = () => void getClient().invoke('charter.get', { workspaceId }).then((r) => r.ok && setRules(r.value.rules));
  useEffect(load, [workspaceId]);

  /** A command that answers the charter: shown, or its refusal's text answered. */
  const apply = async (run: Promise<ClientResult<Charter>>, done: string): Promise<string | null> => {
    const r = await run;
    if (!r.ok) return errorText(r.error);
    setRules(r.value.rules);
    setMessage(done);
    return null;
  };
  const saveRule = async (rule: CharterRule) => {
    const refused = await apply(getClient().invoke('charter.saveRule', { workspaceId, rule }), t('charterEditor.ruleSaved', { name: rule.name }));
    if (!refused) closeEditor();
    return refused;
  };
  const toggle = async (rule: CharterRule, enabled: boolean) => {
    const refused = await apply(getClient().invoke('charter.setRuleEnabled', { workspaceId, ruleId: rule.id, enabled }), t(enabled ? 'charterEditor.ruleOn' : 'charterEditor.ruleOff', { name: rule.name }));
    if (refused) setMessage(refused);
  };
  const remove = async (rule: CharterRule) => {
    const refused = await apply(getClient().invoke('charter.deleteRule', { workspaceId, ruleId: rule.id }), t('charterEditor.ruleDeleted', { name: rule.name }));
    if (!refused) focusBack.current = 'new';
    return refused;
  };
  const closeEditor = () => {
    focusBack.current = editing?.rule?.id ?? 'new';
    setEditing(null);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const r = await getClient().invoke('charter.import', { workspaceId, text: await file.text() });
    if (!r.ok) return setMessage(errorText(r.error));
    setEditing(null);
    setImported(r.value.rules);
    setMessage(t('inbox.charter.imported', { count: r.value.rules.length }));
  };
  const saveImported = async () => {
    if (!imported) return;
    const refused = await apply(getClient().invoke('charter.save', { workspaceId, charter: { format: 'tribune-charter', version: 1, rules: imported } }), t('inbox.charter.saved'));
    if (refused) setMessage(refused);
    else setImported(null);
  };
  const exportFile = async () => {
    const r = await getClient().invoke('charter.export', { workspaceId });
    if (r.ok) downloadText(r.value.fileName, 'application/json', r.value.text);
  };

  return (
    <AppDialog title={t('inbox.charter.title')} onClose={onClose} size="large">
      <div ref={body} className="charter-body">
        {imported ? <p className="dialog-note">{t('charterEditor.importPending')}</p> : null}
        <RuleList rules={imported ?? rules} readOnly={!!imported || editing !== null} onEdit={(rule) => setEditing({ rule })} onToggle={toggle} onDelete={remove} />
        {editing ? (
          <RuleEditor key={editing.rule?.id ?? 'new'} workspaceId={workspaceId} editing={editing.rule} onSave={saveRule} onCancel={closeEditor} />
        ) : null}
        {message ? <p role="status">{message}</p> : null}
        <div className="dialog-actions">
          {!editing && !imported ? (
            <Button className="btn btn-primary" data-charter-new onPress={() => setEditing({ rule: null })}>
              <Plus size={14} aria-hidden /> {t('inbox.charter.newRule')}
            </Button>
          ) : null}
          {imported ? (
            <>
              <Button className="btn btn-ghost" onPress={() => setImported(null)}>
                {t('charterEditor.dropImport')}
              </Button>
              <Button className="btn btn-primary" onPress={() => void saveImported()}>
                {t('inbox.charter.saveAll')}
              </Button>
            </>
          ) : null}
          <Button className="btn btn-ghost" onPress={() => void exportFile()}>
            <Download size={14} aria-hidden /> {t('inbox.charter.export')}
          </Button>
          <label className="btn btn-ghost">
            <Upload size={14} aria-hidden /> {t('inbox.charter.import')}
            <input type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void importFile(e)} />
          </label>
        </div>
      </div>
    </AppDialog>
  );
}
