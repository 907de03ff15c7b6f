import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ExternalLink, MessagesSquare, RotateCw, Send, SkipForward, Trash2 } from 'lucide-react';
import type { Account } from '../../../shared/domain';
import type { PostView, TargetView } from '../../../shared/publishing';
import { AccountAvatar, atHandle } from '../../components/AccountAvatar';
import { NetworkGlyph } from '../../components/NetworkGlyph';
import { t as translate } from '../../i18n';
import { problemMessage } from '../../i18n/problems';
import { resolveMissed } from '../publishing/MissedDialog';
import { formatInZone } from '../publishing/scheduleTime';
import { retryTarget, viewSentPost } from './postActions';
import { canDeleteRemote, displayTone, postTime, targetDisplay } from '../../model/postModel';
import { useUi } from '../../stores/ui';

interface TargetStatusListProps {
  post: PostView;
  accounts: readonly Account[];
  zone: string;
  /** Links and buttons are in the tab order only on the card that holds the column's focus. */
  active: boolean;
}

function TargetRow({ target, account, zone, active, post }: { target: TargetView; account: Account | undefined; zone: string; active: boolean; post: PostView }) {
  const { t, i18n } = useTranslation();
  const display = targetDisplay(target);
  const tone = displayTone(display);
  const handle = account ? atHandle(account.handle) : t('publish.unknownAccount');
  // A queued post's targets may each have their own slot: shown when it is not the card's time.
  const ownTime = target.dueAt && target.dueAt !== postTime(post) && display === 'scheduled' ? formatInZone(target.dueAt, zone, i18n.language) : null;
  const tabIndex = active ? 0 : -1;
  return (
    <li className={`target-status tone-${tone}`} data-target-id={target.id} data-status={display}>
      <div className="target-status-head">
        {account ? <AccountAvatar account={account} size="small" /> : <NetworkGlyph network={target.network} />}
        <span className="target-status-handle">{handle}</span>
        <span className={`status-pill pill-${tone}`}>
          {t(`posts.status.${display}`, { sent: target.partsSent, total: target.partsTotal })}
          {ownTime ? ` · ${ownTime}` : ''}
        </span>
      </div>
      {display === 'failed' || (display === 'partial' && target.status === 'failed') ? (
        <p className="target-error">{target.lastError ?? t('posts.noReason')}</p>
      ) : null}
      {display === 'held_blocked' && target.heldProblems.length > 0 ? (
        <p className="target-error">{target.heldProblems.filter((p) => p.severity === 'block').map((p) => problemMessage(p, translate)).join(' ; ')}</p>
      ) : null}
      <div className="target-status-actions">
        {target.remoteUrl && target.remoteDeletedAt === null ? (
          <>
            {/* Opens in the thread panel (Enter or a click); the address stays for "open in a new tab". */}
            <a
              className="btn btn-link"
              href={target.remoteUrl}
              target="_blank"
              rel="noopener noreferrer"
              tabIndex={tabIndex}
              aria-label={t('posts.viewOn', { handle })}
              onClick={(event) => {
                if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                void viewSentPost(target.id);
              }}
            >
              <MessagesSquare size={12} aria-hidden />
              <span>{t('posts.view')}</span>
            </a>
            <a className="btn btn-link" href={target.remoteUrl} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex} aria-label={t('posts.openInBrowserOf', { handle })}>
              <ExternalLink size={12} aria-hidden />
            </a>
          </>
        ) : null}
        {canDeleteRemote(target) ? (
          <Button
            className="btn btn-link"
            excludeFromTabOrder={!active}
            aria-label={t('remoteDelete.actionFor', { handle, network: t(`networks.${target.network}`) })}
            onPress={() => useUi.getState().openDialog({ kind: 'deleteRemote', draftId: post.draftId, targetId: target.id })}
          >
            <Trash2 size={12} aria-hidden />
            <span>{t('remoteDelete.action')}</span>
          </Button>
        ) : null}
        {target.status === 'failed' ? (
          <Button className="btn btn-link" excludeFromTabOrder={!active} aria-label={t('posts.retryFor', { handle })} onPress={() => void retryTarget(target.id)}>
            <RotateCw size={12} aria-hidden />
            <span>{t('common.retry')}</span>
          </Button>
        ) : null}
        {display === 'held_missed' ? (
          <>
            <Button className="btn btn-link" excludeFromTabOrder={!active} aria-label={t('missed.publishNowFor', { handle })} onPress={() => void resolveMissed([target.id], 'publish_now')}>
              <Send size={12} aria-hidden />
              <span>{t('missed.publishNow')}</span>
            </Button>
            <Button className="btn btn-link" excludeFromTabOrder={!active} aria-label={t('missed.skipFor', { handle })} onPress={() => void resolveMissed([target.id], 'skip')}>
              <SkipForward size={12} aria-hidden />
              <span>{t('missed.skip')}</span>
            </Button>
          </>
        ) : null}
      </div>
    </li>
  );
}

/** One line per account of a post: its state, and what can be done about it. */
export function TargetStatusList({ post, accounts, zone, active }: TargetStatusListProps) {
  const { t } = useTranslation();
  return (
    <ul className="target-status-list" aria-label={t('posts.targetsLabel')}>
      {post.targets.map((target) => (
        <TargetRow key={target.id} target={target} post={post} account={accounts.find((a) => a.id === target.accountId)} zone={zone} active={active} />
      ))}
    </ul>
  );
}
