/**
 * Moderation from any card or inbox item: actions that cut a person off or cannot be taken back
 * (block, remove a follower, report) ask first in a dialog; the others go at once. The answer
 * is a toast (the server's words when it refuses), with an undo where the network allows it.
 */
import type { ReportDetails } from '../../../shared/inbox/moderation';
import { CONFIRMED } from '../../../shared/inbox/moderation';
import { getClient } from '../../client';
import { errorText, t } from '../../i18n';
import type { ModerationRequest } from '../../model/moderation/choices';
import { useInbox } from '../../stores/inbox';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';

export type ModerationOutcome = { ok: true } | { ok: false; message: string };

/** Sends the action now; the toast says what happened (queued offline: it goes when the network is back). */
export async function moderate(req: ModerationRequest, report?: ReportDetails): Promise<ModerationOutcome> {
  const result = await getClient().invoke('moderation.act', {
    workspaceId: req.workspaceId,
    ...(req.itemId ? { itemId: req.itemId } : { actorId: req.actorId }),
    asAccountId: req.accountId,
    action: req.action,
    ...(req.ruleId ? { ruleId: req.ruleId } : {}),
    ...(report ? { report } : {}),
  });
  if (!result.ok) {
    const message = errorText(result.error);
    useToasts.getState().show({ message, tone: 'error' });
    return { ok: false, message };
  }
  const undo = result.value.undo;
  // The inbox item it settled (done) goes back to handle with the undo: as it was before.
  const settled = result.value.inboxItemId;
  const undoIt = async () => {
    const undone = await moderate({ ...req, action: undo!, ruleId: undefined });
    if (!undone.ok || !settled) return;
    await getClient().invoke('inbox.setState', { workspaceId: req.workspaceId, ids: [settled], state: 'to_handle' });
    void useInbox.getState().load(req.workspaceId);
  };
  useToasts.getState().show({
    message: result.value.queued ? t('moderation.queued', { action: t(`moderation.done.${req.action}`, { handle: req.authorHandle }) }) : t(`moderation.done.${req.action}`, { handle: req.authorHandle }),
    ...(undo ? { action: { label: t('inbox.undo'), isUndo: true, run: () => void undoIt() } } : {}),
  });
  void useInbox.getState().load(req.workspaceId);
  return { ok: true };
}

/** From a menu or a key: a confirmation (or the report form) first when the action asks for it. */
export function askModeration(req: ModerationRequest): void {
  if (CONFIRMED.includes(req.action)) useUi.getState().openDialog({ kind: 'moderation', request: req });
  else void moderate(req);
}
