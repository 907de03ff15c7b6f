import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { ImportBatch } from '../../../../shared/calendar/schemas';
import { formatInZone } from '../../publishing/scheduleTime';
import { importSummary } from './importValues';

/** The workspace's last imports, each with its own Undo until it is undone. */
export function ImportHistory({ history, zone, onUndo }: { history: ImportBatch[]; zone: string; onUndo(batch: ImportBatch): void }) {
  const { t, i18n } = useTranslation();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="import-history">
      <h3 id="import-history" className="field-label">
        {t('calendar.import.history')}
      </h3>
      <ul className="manage-list">
        {history.slice(0, 8).map((batch) => (
          <li key={batch.id} className="manage-item">
            <span className="manage-item-name">
              {batch.fileName}
              <span className="manage-item-meta">
                {' · '}
                {formatInZone(batch.createdAt, zone, i18n.language)} · {importSummary(batch, t)}
              </span>
            </span>
            {batch.undoneAt ? (
              <span className="field-hint">{t('calendar.import.wasUndone')}</span>
            ) : (
              <Button className="btn btn-ghost" onPress={() => onUndo(batch)}>
                {t('calendar.import.undoNamed', { file: batch.fileName })}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
