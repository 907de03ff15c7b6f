import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CalendarClock, ListPlus, Send } from 'lucide-react';
import { atHandle } from '../../components/AccountAvatar';
import { Tip } from '../../components/Tip';
import { useComposer } from '../../stores/composer';
import { usePlanning } from '../../stores/planning';
import { useUi } from '../../stores/ui';
import { sendDraft } from '../publishing/publishActions';
import type { PublishWay } from '../publishing/outcome';
import type { ComposerTarget } from './useTargets';
import { postTime } from '../../model/postModel';

/** Why the three buttons cannot be used yet, or null when they can. */
export function publishBlocker(input: { hasDraft: boolean; ready: boolean; targets: readonly Pick<ComposerTarget, 'blocked' | 'problems'>[] }): 'noText' | 'loading' | 'noTargets' | 'allBlocked' | null {
  if (!input.ready) return 'loading';
  if (!input.hasDraft) return 'noText';
  if (input.targets.length === 0) return 'noTargets';
  if (!input.targets.every((target) => target.blocked)) return null;
  // Nothing written yet (a reply just opened): "write your post first", not "no account can publish this".
  const onlyEmpty = input.targets.every((target) => target.problems.every((p) => p.severity !== 'block' || p.code === 'empty'));
  return onlyEmpty ? 'noText' : 'allBlocked';
}

/** "Publier maintenant", "Programmer…", "Ajouter à la file". */
export function PublishBar({ targets }: { targets: ComposerTarget[] }) {
  const { t } = useTranslation();
  const draftId = useComposer((s) => s.draftId);
  const workspaceId = useComposer((s) => s.workspaceId);
  const ready = useComposer((s) => s.contentStatus === 'ready');
  const post = useComposer((s) => s.post);
  const openDialog = useUi((s) => s.openDialog);
  const plannedAt = usePlanning((s) => (s.draftId === draftId ? s.planning?.plannedAt : null) ?? null);
  const [busy, setBusy] = useState<PublishWay | null>(null);
  const blocker = publishBlocker({ hasDraft: !!draftId, ready, targets });
  const disabled = blocker !== null || busy !== null;
  const blockedOnes = targets.filter((target) => target.blocked);

  const run = async (way: PublishWay) => {
    if (!draftId || !workspaceId) return;
    if (way === 'schedule') {
      const scheduled = post?.state === 'scheduled';
      // A post planned on the calendar is scheduled at its planned time unless the person changes it.
      openDialog({ kind: 'schedule', draftId, workspaceId, scheduledAt: scheduled ? postTime(post) : plannedAt, reschedule: scheduled });
      return;
    }
    setBusy(way);
    await sendDraft(way, draftId, workspaceId);
    setBusy(null);
  };

  return (
    <div className="publish-bar">
      <p className="field-hint publish-hint" id="publish-hint" role="status">
        {blocker
          ? t(`publish.blocker.${blocker}`)
          : blockedOnes.length > 0
            ? t('publish.someBlocked', { handles: blockedOnes.map((b) => atHandle(b.account.handle)).join(', '), count: blockedOnes.length })
            : t('publish.readyFor', { count: targets.length })}
      </p>
      <div className="publish-buttons">
        <Tip label={t('publish.queueTip')}>
          <Button className="btn btn-ghost" isDisabled={disabled} isPending={busy === 'addToQueue'} onPress={() => void run('addToQueue')} aria-describedby="publish-hint">
            <ListPlus size={14} aria-hidden />
            <span>{t('publish.addToQueue')}</span>
          </Button>
        </Tip>
        <Button className="btn btn-ghost" isDisabled={disabled} onPress={() => void run('schedule')} aria-describedby="publish-hint">
          <CalendarClock size={14} aria-hidden />
          <span>{post?.state === 'scheduled' ? t('publish.reschedule') : t('publish.schedule')}</span>
        </Button>
        <Button className="btn btn-primary" isDisabled={disabled} isPending={busy === 'publishNow'} onPress={() => void run('publishNow')} aria-describedby="publish-hint">
          <Send size={14} aria-hidden />
          <span>{t('publish.publishNow')}</span>
        </Button>
      </div>
    </div>
  );
}
