import type { Draft } from '../../../shared/domain';
import { getClient, type ClientError } from '../../client';
import { errorText, t } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { draftBackup } from '../../stores/composerSession';
import { useDrafts } from '../../stores/drafts';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';

const showError = (key: string, error: ClientError) => useToasts.getState().show({ tone: 'error', message: t(key, { reason: errorText(error) }) });

/** Copies a draft (the copy's id is chosen here so a retry cannot make two copies). */
export async function duplicateDraft(draft: Draft): Promise<void> {
  await useComposer.getState().flush();
  const result = await getClient().invoke('draft.duplicate', { id: draft.id, newId: crypto.randomUUID() });
  if (!result.ok) return void showError('drafts.duplicateFailed', result.error);
  useDrafts.getState().upsert(result.value);
  useUi.getState().focusDraft(result.value.id);
  useToasts.getState().show({ message: t('drafts.duplicated') });
}

/** Brings a deleted draft back from the bin. */
export async function restoreDraft(id: string): Promise<void> {
  const result = await getClient().invoke('draft.restore', { id });
  if (!result.ok) return void showError('drafts.restoreFailed', result.error);
  useDrafts.getState().upsert(result.value);
  useUi.getState().focusDraft(result.value.id);
  useToasts.getState().show({ message: t('drafts.restored') });
}

/** Moves a draft to the bin, with an Undo toast (Ctrl/Cmd+Z while it is shown). */
export async function deleteDraft(draft: Draft): Promise<boolean> {
  // If it is open in the composer, its last keystrokes are saved first so Undo brings them back.
  if (!(await useComposer.getState().detach(draft.id))) return false;
  const result = await getClient().invoke('draft.delete', { id: draft.id });
  if (!result.ok) {
    showError('drafts.deleteFailed', result.error);
    return false;
  }
  draftBackup.forget(draft.id);
  useDrafts.getState().removeLocal(draft.workspaceId, draft.id);
  useToasts.getState().show({
    message: t('drafts.deleted'),
    action: { label: t('common.undo'), isUndo: true, run: () => void restoreDraft(draft.id) },
  });
  return true;
}
