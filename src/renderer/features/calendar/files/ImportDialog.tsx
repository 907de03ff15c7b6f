import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox } from 'react-aria-components';
import { Check, FileUp, Undo2 } from 'lucide-react';
import type { ImportBatch, ImportPreview, ImportResult } from '../../../../shared/calendar/schemas';
import { AppDialog } from '../../../components/AppDialog';
import { getClient } from '../../../client';
import { errorText } from '../../../i18n';
import { useCalendar } from '../../../stores/calendar';
import { useWorkspaces } from '../../../stores/workspaces';
import { formatInZone } from '../../publishing/scheduleTime';
import { announceImport, undoImport } from './importUndo';
import { importSummary } from './importValues';
import { mergeChoices, type Choices } from '../../../model/calendar/importChoices';
import { ImportPreviewView } from './ImportPreviewView';
import { previewFile } from './uploadFile';
import { FormError } from '../../../components/FormError';

/**
 * Import a calendar (Tribune's or another app's), a bundle or a Hootsuite-layout CSV: a preview
 * first (new, changed, unchanged, conflicting, deleted, refused lines), choices per post and per
 * field, then one all-or-nothing apply, which can be undone here or from its toast.
 */
export function ImportDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const zone = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId)?.timeZone) ?? 'UTC';
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [includeDeletes, setIncludeDeletes] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [history, setHistory] = useState<ImportBatch[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The preview and its "Importer" button are gone: the focus goes to what can follow, undoing it.
    if (result) undoButton.current?.focus();
  }, [result]);

  const loadHistory = async () => {
    const list = await getClient().invoke('calendar.importList', { workspaceId });
    if (list.ok) setHistory(list.value);
  };
  useEffect(() => {
    let live = true;
    void getClient()
      .invoke('calendar.importList', { workspaceId })
      .then((list) => {
        if (live && list.ok) setHistory(list.value);
      });
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const read = async (file: File) => {
    setError(null);
    setResult(null);
    setPreview(null);
    setChoices({});
    setProgress(0);
    const answer = await previewFile(workspaceId, file, setProgress);
    setProgress(null);
    if (!answer.ok) return setError(t('calendar.import.unreadable', { file: file.name, reason: errorText(answer.error) }));
    setPreview(answer.value);
  };

  const apply = async () => {
    if (!preview) return;
    setProgress(0.95);
    const applied = await getClient().invoke('calendar.importApply', { importId: preview.importId, choices: mergeChoices(choices), includeDeletes });
    setProgress(null);
    if (!applied.ok) return setError(t('calendar.import.applyFailed', { reason: errorText(applied.error) }));
    setPreview(null);
    setResult(applied.value);
    useCalendar.getState().invalidate(workspaceId);
    announceImport(applied.value, workspaceId);
    void loadHistory();
  };

  const close = () => {
    if (preview) void getClient().invoke('calendar.importDiscard', { importId: preview.importId });
    onClose();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  };

  const canApply = preview !== null && preview.items.some((i) => i.change !== 'unchanged');

  return (
    <AppDialog title={t('calendar.import.title')} onClose={close} size="large">
      <div className="form import-dialog">
        <div
          className={`import-drop ${dragging ? 'is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <FileUp size={20} aria-hidden />
          <p>{t('calendar.import.lead')}</p>
          <input
            ref={input}
            id="import-file"
            className="sr-only"
            type="file"
            // Reached through "Choisir un fichier…" (and drops): not a second, unnamed tab stop.
            tabIndex={-1}
            aria-hidden
            accept=".ics,.ical,.csv,.zip,text/calendar,text/csv,application/zip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void read(file);
              e.target.value = '';
            }}
          />
          <Button className="btn btn-primary" onPress={() => input.current?.click()}>
            {t('calendar.import.choose')}
          </Button>
        </div>
        {progress !== null ? (
          <div role="status" className="import-progress">
            <progress max={1} value={progress} aria-label={t('calendar.import.reading')} />
            <span>{t('calendar.import.reading')}</span>
          </div>
        ) : null}
        <FormError message={error} />
        {result ? (
          <div className="import-result" role="status">
            <p>{importSummary(result, t)}</p>
            {result.batchId ? (
              <Button ref={undoButton} className="btn btn-ghost" onPress={() => void undoImport(result.batchId!, workspaceId).then((ok) => (ok ? (setResult(null), loadHistory()) : null))}>
                <Undo2 size={14} aria-hidden />
                <span>{t('calendar.import.undoThis')}</span>
              </Button>
            ) : null}
          </div>
        ) : null}
        {preview ? (
          <>
            <h3 className="planning-title">{t('calendar.import.previewOf', { file: preview.fileName })}</h3>
            <ImportPreviewView preview={preview} zone={zone} choices={choices} onChoices={setChoices} />
            {preview.counts.deleted > 0 ? (
              <Checkbox className="checkbox" isSelected={includeDeletes} onChange={setIncludeDeletes}>
                {({ isSelected }) => (
                  <>
                    <span className="checkbox-box" aria-hidden>
                      {isSelected ? <Check size={12} /> : null}
                    </span>
                    <span>{t('calendar.import.includeDeletes', { count: preview.counts.deleted })}</span>
                  </>
                )}
              </Checkbox>
            ) : null}
            {!canApply ? (
              <p id="import-nothing" className="field-hint">
                {t('calendar.import.nothingToApply')}
              </p>
            ) : null}
            <div className="form-actions">
              <Button className="btn btn-ghost" onPress={close}>
                {t('common.cancel')}
              </Button>
              <Button className="btn btn-primary" isDisabled={!canApply} aria-describedby={canApply ? undefined : 'import-nothing'} onPress={() => void apply()}>
                {t('calendar.import.apply')}
              </Button>
            </div>
          </>
        ) : null}
        {history.length > 0 ? (
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
                    <Button className="btn btn-ghost" onPress={() => void undoImport(batch.id, workspaceId).then(() => loadHistory())}>
                      {t('calendar.import.undoNamed', { file: batch.fileName })}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </AppDialog>
  );
}
