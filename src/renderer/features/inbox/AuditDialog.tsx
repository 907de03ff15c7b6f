import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Download } from 'lucide-react';
import type { AuditEntry } from '../../../shared/inbox/schemas';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import { downloadText } from '../../lib/download';
import { formatInZone } from '../publishing/scheduleTime';

/** The workspace's audit log: every moderation action and inbox change, with the network's outcome; exported as CSV. */
/** Times are written in the workspace's zone and the app's language, like the rest of the app. */
export function AuditDialog({ workspaceId, timeZone, onClose }: { workspaceId: string; timeZone: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  // The rules by id: the log names the rule as the charter does (its id when it was deleted since).
  const [ruleNames, setRuleNames] = useState<ReadonlyMap<string, string>>(() => new Map());
  useEffect(() => {
    void getClient().invoke('audit.list', { workspaceId, limit: 200 }).then((r) => setEntries(r.ok ? r.value : []));
    void getClient()
      .invoke('charter.get', { workspaceId })
      .then((r) => r.ok && setRuleNames(new Map(r.value.rules.map((rule) => [rule.id, rule.name]))));
  }, [workspaceId]);
  const exportCsv = async () => {
    const r = await getClient().invoke('audit.exportCsv', { workspaceId });
    if (r.ok) downloadText(r.value.fileName, 'text/csv;charset=utf-8', r.value.text);
  };
  return (
    <AppDialog title={t('inbox.audit.title')} onClose={onClose} size="large" dismissable>
      <Button className="button" onPress={() => void exportCsv()}>
        <Download size={14} aria-hidden /> {t('inbox.audit.export')}
      </Button>
      {entries && entries.length === 0 ? <p>{t('inbox.audit.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('inbox.audit.when')}</th>
              <th scope="col">{t('inbox.audit.action')}</th>
              <th scope="col">{t('inbox.audit.source')}</th>
              <th scope="col">{t('inbox.audit.outcome')}</th>
              <th scope="col">{t('inbox.audit.author')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatInZone(e.at, timeZone, i18n.language, { long: true })}</time>
                </td>
                <td>{t(`inbox.audit.actions.${e.action.replace('.', '_')}`, { defaultValue: e.action })}</td>
                <td>{e.ruleId ? t('inbox.audit.byRule', { rule: ruleNames.get(e.ruleId) ?? e.ruleId }) : t('inbox.audit.byHand')}</td>
                <td>
                  {t(`inbox.audit.outcomes.${e.outcome}`)}
                  {e.message ? ` — ${e.message}` : ''}
                </td>
                <td>{e.actorHandle ? `@${e.actorHandle}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AppDialog>
  );
}
