import type { ImportResult } from '../../../../shared/calendar/schemas';
import { getClient, type CommandClientResult } from '../../../client';
import { errorText, t } from '../../../i18n';
import { useCalendar } from '../../../stores/calendar';
import { useToasts } from '../../../stores/toasts';
import { importSummary } from './importValues';

/** The toast that announced each import, with its Undo: gone once the import is undone elsewhere. */
const toasts = new Map<string, number>();

/** Undoes a whole import: created posts go, replaced versions come back. The caller says what happened. */
export async function undoImport(batchId: string, workspaceId: string): Promise<CommandClientResult<'calendar.importUndo'>> {
  const result = await getClient().invoke('calendar.importUndo', { batchId });
  useCalendar.getState().invalidate(workspaceId);
  const toast = toasts.get(batchId);
  if (result.ok && toast !== undefined) useToasts.getState().dismiss(toast);
  toasts.delete(batchId);
  return result;
}

/** The toast's Undo (the dialog may be closed): the outcome is told by another toast. */
async function undoFromToast(batchId: string, workspaceId: string): Promise<void> {
  const result = await undoImport(batchId, workspaceId);
  useToasts.getState().show(
    result.ok ? { message: t('calendar.import.undone') } : { tone: 'error', message: t('calendar.import.undoFailed', { reason: errorText(result.error) }), durationMs: 10_000 },
  );
}

/** "12 publications importées" with an Undo button (Ctrl/Cmd+Z while shown). */
export function announceImport(result: ImportResult, workspaceId: string): void {
  const summary = importSummary(result, t);
  const batchId = result.batchId;
  const toast = useToasts.getState().show({
    message: summary,
    durationMs: 15_000,
    ...(batchId ? { action: { label: t('calendar.import.undo'), isUndo: true, run: () => void undoFromToast(batchId, workspaceId) } } : {}),
  });
  if (batchId) toasts.set(batchId, toast);
}
