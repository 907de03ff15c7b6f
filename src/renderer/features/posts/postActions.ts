import type { PostView } from '../../../shared/publishing';
import { getClient, type ClientError } from '../../client';
import { errorText, t } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { useDrafts } from '../../stores/drafts';
import { usePanel } from '../../stores/panel';
import { usePosts } from '../../stores/posts';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { postTime } from '../../model/postModel';

const showError = (key: string, error: ClientError) =>
  useToasts.getState().show({ tone: 'error', message: t(key, { reason: errorText(error) }), durationMs: 10_000 });

/** "Modifier": a scheduled post opens in the composer (it can be edited until it goes). */
export async function editPost(post: PostView): Promise<void> {
  const result = await getClient().invoke('draft.get', { id: post.draftId });
  if (!result.ok) return void showError('posts.openFailed', result.error);
  await useComposer.getState().openDraft(result.value, post);
}

export function reschedulePost(post: PostView): void {
  useUi.getState().openDialog({ kind: 'schedule', draftId: post.draftId, workspaceId: post.workspaceId, scheduledAt: postTime(post), reschedule: true });
}

/** "Dupliquer": a new draft with the same text and content. */
export async function duplicatePost(post: PostView): Promise<void> {
  const result = await getClient().invoke('draft.duplicate', { id: post.draftId, newId: crypto.randomUUID() });
  if (!result.ok) return void showError('drafts.duplicateFailed', result.error);
  useDrafts.getState().upsert(result.value);
  useUi.getState().focusDraft(result.value.id);
  useToasts.getState().show({ message: t('posts.duplicated') });
}

/** "Annuler": what has not gone yet is taken back; the post becomes a draft again. */
export async function cancelPost(post: PostView): Promise<void> {
  const composer = useComposer.getState();
  if (composer.open && composer.draftId === post.draftId && !(await composer.flush())) return;
  const result = await getClient().invoke('post.cancel', { draftId: post.draftId });
  if (!result.ok) return void showError('posts.cancelFailed', result.error);
  usePosts.getState().put(result.value);
  void useDrafts.getState().load(post.workspaceId);
  if (composer.open && composer.draftId === post.draftId) useComposer.getState().setPost(null);
  useToasts.getState().show({ message: t('posts.cancelled') });
}

/** "Réessayer" on a failed target. */
export async function retryTarget(targetId: string): Promise<void> {
  const result = await getClient().invoke('post.retryTarget', { targetId });
  if (!result.ok) return void showError('posts.retryFailed', result.error);
  usePosts.getState().put(result.value);
  useToasts.getState().show({ message: t('posts.retrying') });
}

/** "Supprimer du réseau" on a sent target: the post's new state goes to the columns; the caller shows a refusal. */
export async function deleteFromNetwork(targetId: string): Promise<{ ok: true } | { ok: false; error: ClientError }> {
  const result = await getClient().invoke('post.deleteRemote', { targetId });
  if (!result.ok) return result;
  usePosts.getState().put(result.value);
  return { ok: true };
}

/** "Voir la publication": the post as the account that published it, in the thread panel (replies, likes, reposts). */
export async function viewSentPost(targetId: string): Promise<void> {
  const result = await getClient().invoke('item.ofSentPost', { targetId });
  if (!result.ok) return void showError('posts.viewFailed', result.error);
  await usePanel.getState().show({ kind: 'thread', itemId: result.value.itemId, asAccountId: result.value.asAccountId });
}
