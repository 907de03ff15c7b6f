/** What the inbox's keys and buttons do: states with an undo toast, replies, hiding a flagged reply. */
import i18n from 'i18next';
import type { InboxEntry, InboxState } from '../../../shared/inbox/schemas';
import type { ModerationAction } from '../../../shared/inbox/moderation';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { contextValues, fillReply } from '../../../shared/inbox/saved-replies';
import { useComposer } from '../../stores/composer';
import { useInbox } from '../../stores/inbox';
import { useToasts } from '../../stores/toasts';

const toast = (message: string, tone: 'info' | 'error' = 'info') => useToasts.getState().show({ message, tone });

/** Moves items to a state; the toast offers to undo it (Ctrl/Cmd+Z too). */
export async function changeState(ids: string[], state: InboxState, snoozedUntil?: Date): Promise<void> {
  const result = await useInbox.getState().setState(ids, state, snoozedUntil?.toISOString());
  if ('error' in result) return void toast(errorText(result.error), 'error');
  useToasts.getState().show({
    message: i18n.t(`inbox.moved.${state}`, { count: ids.length }),
    action: { label: i18n.t('inbox.undo'), isUndo: true, run: () => void useInbox.getState().restore(result.previous) },
  });
}

/** Opens the composer to answer as the item's account; a saved reply's text comes filled in. */
export async function reply(workspaceId: string, entry: InboxEntry, saved?: { text: string; accountHandle: string }): Promise<void> {
  if (!entry.item) return;
  if (!(await useComposer.getState().openReply(workspaceId, entry.accountId, 'reply', entry.item))) return;
  if (saved) useComposer.getState().setText(fillReply(saved.text, contextValues({ authorName: entry.actor.displayName, authorHandle: entry.actor.handle, accountHandle: saved.accountHandle })));
}

/** Hides, reports... as the item's account; the answer is a toast (the server's words when it refuses). */
export async function moderate(workspaceId: string, entry: InboxEntry, action: ModerationAction, ruleId?: string): Promise<boolean> {
  if (!entry.item) return false;
  const result = await getClient().invoke('moderation.act', { workspaceId, itemId: entry.item.id, asAccountId: entry.accountId, action, ...(ruleId ? { ruleId } : {}) });
  if (!result.ok) {
    toast(errorText(result.error), 'error');
    return false;
  }
  const undo = result.value.undo;
  useToasts.getState().show({
    message: i18n.t(`inbox.moderated.${action}`),
    ...(undo ? { action: { label: i18n.t('inbox.undo'), isUndo: true, run: () => void moderate(workspaceId, entry, undo) } } : {}),
  });
  void useInbox.getState().load(workspaceId);
  return true;
}
