import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Send, SkipForward } from 'lucide-react';
import type { PostView } from '../../../shared/publishing';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import { errorText, t as translate } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useMissed, type MissedBatch } from '../../stores/missed';
import { usePosts } from '../../stores/posts';
import { useToasts } from '../../stores/toasts';
import { useWorkspaces } from '../../stores/workspaces';
import { findTargets, postPreview } from '../../model/postModel';
import { formatInZone } from './scheduleTime';
import { FormError } from '../../components/FormError';

const NO_POSTS: PostView[] = [];

/** Answers post.resolveMissed for some targets; says what happened in a toast. */
export async function resolveMissed(targetIds: string[], decision: 'publish_now' | 'skip'): Promise<string | null> {
  const result = await getClient().invoke('post.resolveMissed', { targetIds, decision });
  if (!result.ok) return errorText(result.error);
  useMissed.getState().settle(targetIds);
  useToasts.getState().show({
    message: decision === 'publish_now' ? translate('missed.publishing', { count: targetIds.length }) : translate('missed.skipped', { count: targetIds.length }),
  });
  return null;
}

/** Posts whose time passed while Tribune was closed, when the workspace's rule is "ask". */
export function MissedDialog({ batch }: { batch: MissedBatch }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === batch.workspaceId));
  const accounts = useAccounts((s) => s.byWorkspace[batch.workspaceId]);
  const scheduled = usePosts((s) => s.lists[batch.workspaceId]?.scheduled ?? NO_POSTS);
  const sent = usePosts((s) => s.lists[batch.workspaceId]?.sent ?? NO_POSTS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const found = findTargets([...scheduled, ...sent], batch.targetIds);
  const unknown = batch.targetIds.filter((id) => !found.some((f) => f.target.id === id));

  useEffect(() => {
    if (unknown.length > 0) void usePosts.getState().loadAll(batch.workspaceId);
    // Once per batch: the lists answer what they know.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [batch.workspaceId, batch.targetIds.length]);

  const zone = workspace?.timeZone ?? 'UTC';
  const decide = async (ids: string[], decision: 'publish_now' | 'skip') => {
    setBusy(true);
    const failure = await resolveMissed(ids, decision);
    setBusy(false);
    setError(failure ? t('missed.failed', { reason: failure }) : null);
  };
  const handleOf = (accountId: string) => {
    const account = accounts?.find((a) => a.id === accountId);
    return account ? atHandle(account.handle) : t('publish.unknownAccount');
  };

  return (
    <AppDialog title={t('missed.title', { count: batch.targetIds.length })} onClose={() => useMissed.getState().dismiss(batch.targetIds)} size="medium">
      <p className="dialog-lead">{t('missed.lead', { workspace: workspace?.name ?? '' })}</p>
      <ul className="missed-list" aria-label={t('missed.listLabel')}>
        {found.map(({ post, target }) => (
          <li key={target.id} className="missed-item" data-target-id={target.id}>
            <div className="missed-text">
              <p className="missed-preview">{postPreview(post.text) || t('drafts.empty')}</p>
              <p className="field-hint">
                {t('missed.itemMeta', {
                  handle: handleOf(target.accountId),
                  time: target.dueAt ? formatInZone(target.dueAt, zone, i18n.language) : '—',
                })}
              </p>
            </div>
            <div className="missed-actions">
              <Button className="btn btn-primary" isDisabled={busy} onPress={() => void decide([target.id], 'publish_now')}>
                <Send size={14} aria-hidden />
                <span>{t('missed.publishNow')}</span>
              </Button>
              <Button className="btn btn-ghost" isDisabled={busy} onPress={() => void decide([target.id], 'skip')}>
                <SkipForward size={14} aria-hidden />
                <span>{t('missed.skip')}</span>
              </Button>
            </div>
          </li>
        ))}
        {unknown.length > 0 ? <li className="missed-item field-hint">{t('missed.unknown', { count: unknown.length })}</li> : null}
      </ul>
      <FormError message={error} />
      {batch.targetIds.length > 1 ? (
        <div className="form-actions">
          <Button className="btn btn-ghost" isDisabled={busy} onPress={() => void decide(batch.targetIds, 'skip')}>
            {t('missed.skipAll')}
          </Button>
          <Button className="btn btn-primary" isDisabled={busy} onPress={() => void decide(batch.targetIds, 'publish_now')}>
            {t('missed.publishAll')}
          </Button>
        </div>
      ) : null}
    </AppDialog>
  );
}
