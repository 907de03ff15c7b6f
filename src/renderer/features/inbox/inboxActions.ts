/** What the inbox's keys and buttons do: states with an undo toast, replies, moderation (the charter's suggestion in one key). */
import type { InboxEntry, InboxState } from '../../../shared/inbox/schemas';
import type { ModerationAction } from '../../../shared/inbox/moderation';
import { atHandle } from '../../components/AccountAvatar';
import { errorText, t } from '../../i18n';
import { contextValues, fillReply } from '../../../shared/inbox/saved-replies';
import { suggestedAction, type ModerationRequest, type ModerationSubject } from '../../model/moderation/choices';
import { askModeration } from '../moderation/moderate';
import { useComposer } from '../../stores/composer';
import { useInbox } from '../../stores/inbox';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';

const toast = (message: string, tone: 'info' | 'error' = 'info') => useToasts.getState().show({ message, tone });

/** Moves items to a state; the toast offers to undo it (Ctrl/Cmd+Z too). */
export async function changeState(ids: string[], state: InboxState, snoozedUntil?: Date): Promise<void> {
  const result = await useInbox.getState().setState(ids, state, snoozedUntil?.toISOString());
  if ('error' in result) return void toast(errorText(result.error), 'error');
  useToasts.getState().show({
    message: t(`inbox.moved.${state}`, { count: ids.length }),
    action: { label: t('inbox.undo'), isUndo: true, run: () => void useInbox.getState().restore(result.previous) },
  });
}

/**
 * Opens the composer to answer as the item's account; a saved reply's text comes filled in. An item
 * whose reply is already on its way asks first ("Répondre encore"), so nobody answers twice by mistake.
 */
export async function reply(workspaceId: string, entry: InboxEntry, saved?: { text: string; accountHandle: string }, again = false): Promise<void> {
  if (!entry.item) return;
  if (entry.replyWaiting && !again) {
    useToasts.getState().show({ message: t('inbox.replyAlreadyWaiting'), action: { label: t('inbox.replyAgain'), run: () => void reply(workspaceId, entry, saved, true) } });
    return;
  }
  if (!(await useComposer.getState().openReply(workspaceId, entry.accountId, 'reply', entry.item))) return;
  if (saved) useComposer.getState().setText(fillReply(saved.text, contextValues({ authorName: entry.actor.displayName, authorHandle: entry.actor.handle, accountHandle: saved.accountHandle })));
}

/** A moderation request for an inbox item, as its account: its post, or the person for a new follower (no post). */
export function moderationRequest(workspaceId: string, entry: InboxEntry, action: ModerationAction, ruleId?: string): ModerationRequest {
  const on = entry.item ? { itemId: entry.item.id } : { actorId: entry.actor.id };
  return { workspaceId, ...on, accountId: entry.accountId, network: entry.network, action, authorHandle: atHandle(entry.actor.handle), ...(ruleId ? { ruleId } : {}) };
}

/** The subject of the moderation menu and of the charter's suggestion. */
export const moderationSubject = (entry: InboxEntry): ModerationSubject => ({
  network: entry.network,
  own: entry.item?.own ?? false,
  isReply: entry.item?.replyTo != null,
  quotes: entry.item?.quote != null,
  person: entry.item === null,
});

/** Hides, mutes, reports... as the item's account (block, remove and report ask first). */
export function moderateEntry(workspaceId: string, entry: InboxEntry, action: ModerationAction, ruleId?: string): void {
  askModeration(moderationRequest(workspaceId, entry, action, ruleId));
}

/** Acts on the charter's suggestion for a flagged item (hide, report, answer with a saved reply), naming the rule in the audit log; false when there is none. */
export function applySuggestion(workspaceId: string, entry: InboxEntry): boolean {
  // A rule that answers with a saved reply: the reply opens with the saved replies' picker.
  if (entry.item && !entry.item.own && entry.flags.some((f) => f.action === 'reply')) {
    useUi.getState().askSavedReply(true);
    void reply(workspaceId, entry);
    return true;
  }
  for (const flag of entry.flags) {
    const action = suggestedAction(flag.action, moderationSubject(entry));
    if (action) {
      moderateEntry(workspaceId, entry, action, flag.ruleId);
      return true;
    }
  }
  // Every rule that flagged it only flags: say so rather than leave the key without an answer.
  toast(t('inbox.noSuggestion'));
  return false;
}
