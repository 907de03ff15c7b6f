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
import { announceImport, undoImport } from './importUndo';
import { importSummary, undoneSummary } from './importValues';
import { ImportHistory } from './ImportHistory';
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
  const { t } = useTranslation();
  const zone = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId)?.timeZone) ?? 'UTC';
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [includeDeletes, setIncludeDeletes] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<(ImportResult & { fileName: string }) | null>(null);
  const [undone, setUndone] = useState<(ImportResult & { fileName: string }) | null>(null);
  const [history, setHistory] = useState<ImportBatch[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const undoneMessage = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The preview and its "Importer" button are gone: the focus goes to what can follow, undoing it.
    if (result) undoButton.current?.focus();
  }, [result]);
  useEffect(() => {
    // The file is read: the focus (and the screen reader) go to what it would change, not back to the file button.
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  useEffect(() => {
    // The Undo button is gone: the focus goes to the message saying what was undone.
    if (undone) undoneMessage.current?.focus();
  }, [undone]);

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
    setUndone(null);
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
    setUndone(null);
    setResult({ ...applied.value, fileName: preview.fileName });
    useCalendar.getState().invalidate(workspaceId);
    announceImport(applied.value, workspaceId);
    void loadHistory();
  };

  const undo = async (batchId: string, fileName: string) => {
    setError(null);
    const answer = await undoImport(batchId, workspaceId);
    if (!answer.ok) return setError(t('calendar.import.undoFailed', { reason: errorText(answer.error) }));
    setResult(null);
    setUndone({ ...answer.value, fileName });
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
              <Button ref={undoButton} className="btn btn-ghost" onPress={() => void undo(result.batchId!, result.fileName)}>
                <Undo2 size={14} aria-hidden />
                <span>{t('calendar.import.undoThis')}</span>
              </Button>
            ) : null}
          </div>
        ) : null}
        {undone ? (
          <p ref={undoneMessage} tabIndex={-1} className="import-result" role="status" data-testid="import-undone">
            {undoneSummary(undone, t)}
          </p>
        ) : null}
        {preview ? (
          <>
            <h3 ref={previewHeading} tabIndex={-1} className="planning-title" aria-describedby="import-counts">{t('calendar.import.previewOf', { file: preview.fileName })}</h3>
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
        <ImportHistory history={history} zone={zone} onUndo={(batch) => void undo(batch.id, batch.fileName)} />
      </div>
    </AppDialog>
  );
}
