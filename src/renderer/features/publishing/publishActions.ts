import type { PostView, TargetProblem } from '../../../shared/publishing';
import { atHandle } from '../../components/AccountAvatar';
import { getClient, type ClientResult } from '../../client';
import { errorText, i18n, t } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import type { ComposerContext } from '../../stores/composerSession';
import { useDrafts } from '../../stores/drafts';
import { usePosts } from '../../stores/posts';
import { useToasts, type ToastAction } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';
import { describeOutcome, type OutcomeContext, type PublishWay } from './outcome';
import { formatInZone } from './scheduleTime';

/** The words a toast needs about a workspace: handles of its accounts, times in its zone. */
export function outcomeContext(workspaceId: string): OutcomeContext {
  const zone = useWorkspaces.getState().workspaces.find((w) => w.id === workspaceId)?.timeZone ?? 'UTC';
  const accounts = useAccounts.getState().byWorkspace[workspaceId] ?? [];
  return {
    t,
    handleOf: (id) => {
      const account = accounts.find((a) => a.id === id);
      return account ? atHandle(account.handle) : t('publish.unknownAccount');
    },
    formatTime: (iso) => formatInZone(iso, zone, i18n.language),
  };
}

type Answer = ClientResult<{ post: PostView; blocked: TargetProblem[] }>;

/**
 * Publishes, schedules or queues a draft. What is typed is saved first (the core publishes what
 * it has); targets that cannot go are named in the toast with their reasons, the others go.
 */
export async function sendDraft(way: PublishWay, draftId: string, workspaceId: string, at?: { at: string; timeZone: string }, undo?: ToastAction): Promise<boolean> {
  const composer = useComposer.getState();
  const inComposer = composer.open && composer.draftId === draftId;
  // A reply taken back by its undo comes back in the composer, above the post it answers.
  const replyContext = inComposer && composer.context?.mode === 'reply' ? composer.context : null;
  if (inComposer && !(await composer.flush())) {
    useToasts.getState().show({ tone: 'error', message: t('publish.saveFirst') });
    return false;
  }
  const client = getClient();
  let result: Answer;
  if (way === 'publishNow') result = await client.invoke('post.publishNow', { draftId });
  else if (way === 'addToQueue') result = await client.invoke('post.addToQueue', { draftId });
  else if (at) result = await client.invoke('post.schedule', { draftId, at: at.at, timeZone: at.timeZone });
  else return false;

  if (!result.ok) {
    useToasts.getState().show({ tone: 'error', message: t(`publish.failed.${way}`, { reason: errorText(result.error) }), durationMs: 10_000 });
    return false;
  }
  const { post, blocked } = result.value;
  const outcome = describeOutcome(way, post, blocked, outcomeContext(workspaceId));
  usePosts.getState().put(post);
  void useDrafts.getState().load(workspaceId);
  const goesAt = way === 'publishNow' && outcome.anyGone ? undoUntil(post) : null;
  if (goesAt !== null) showUndoPublish(post, goesAt, replyContext);
  else useToasts.getState().show({ tone: outcome.tone, message: outcome.message, durationMs: blocked.length > 0 ? 15_000 : 8000, ...(undo && outcome.anyGone ? { action: undo } : {}) });
  const still = useComposer.getState();
  if (outcome.anyGone && still.open && still.draftId === draftId) {
    await still.close(false);
    // Focus follows the post to its card (a dialog that asked gives it once it has closed); the
    // inbox, which shows no post card, takes it back on the item answered.
    if (useUi.getState().place === 'inbox') useUi.getState().focusBoard();
    else if (!useUi.getState().dialog) useUi.getState().focusPost(draftId);
  }
  return outcome.anyGone;
}

/** When a post published "now" really goes (the undo delay), or null when it goes at once. */
export function undoUntil(post: PostView, now = Date.now()): number | null {
  const due = post.targets.filter((t) => t.status === 'pending' && t.dueAt).map((t) => Date.parse(t.dueAt!));
  const at = due.length > 0 ? Math.max(...due) : null;
  return at !== null && at - now >= 1000 ? at : null;
}

/** "Publishing in 10 s" with Undo (also Ctrl/Cmd+Z) until it goes: undoing takes the post back to the drafts. */
function showUndoPublish(post: PostView, goesAt: number, replyContext: ComposerContext | null): void {
  const seconds = Math.ceil((goesAt - Date.now()) / 1000);
  useToasts.getState().show({
    tone: 'info',
    message: t('planning.publishingIn', { handles: gonePart(post), seconds }),
    durationMs: goesAt - Date.now() + 1000,
    countdownTo: goesAt,
    action: {
      label: t('planning.undoPublish'),
      isUndo: true,
      run: () => void undoPublish(post, replyContext),
    },
  });
}

const gonePart = (post: PostView) => {
  const ctx = outcomeContext(post.workspaceId);
  return post.targets.filter((target) => target.status === 'pending').map((target) => ctx.handleOf(target.accountId)).join(', ');
};

async function undoPublish(post: PostView, replyContext: ComposerContext | null): Promise<void> {
  const result = await getClient().invoke('post.cancel', { draftId: post.draftId });
  if (!result.ok) {
    useToasts.getState().show({ tone: 'error', message: t('planning.undoFailed', { reason: errorText(result.error) }), durationMs: 10_000 });
    return;
  }
  usePosts.getState().put(result.value);
  void useDrafts.getState().load(post.workspaceId);
  if (replyContext && !useComposer.getState().open) {
    // A reply taken back is to be changed: it opens again where it was written (the inbox shows no draft card).
    const draft = await getClient().invoke('draft.get', { id: post.draftId });
    if (draft.ok && (await useComposer.getState().openDraft(draft.value, null, replyContext))) {
      useToasts.getState().show({ message: t('planning.undoneReply') });
      return;
    }
  }
  useToasts.getState().show({ message: t('planning.undone') });
  useUi.getState().focusDraft(post.draftId);
}
