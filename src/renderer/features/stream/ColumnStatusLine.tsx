import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CloudOff, KeyRound, RefreshCw, TriangleAlert } from 'lucide-react';
import type { StatusLine } from '../../model/board/columnLabel';
import { useStreams } from '../../stores/streams';
import { formatClock } from './time';

/** Under a column's header: offline, throttled, stale, failing or reconnect needed, with the last refresh and the next try. */
export function ColumnStatusLine({ line, handle, onReconnect, onRetry }: { line: StatusLine; handle: string; onReconnect(): void; onRetry(): void }) {
  const { t, i18n } = useTranslation();
  const Icon = line.key === 'reconnect' ? KeyRound : line.key === 'offline' ? CloudOff : line.key === 'loading' ? RefreshCw : TriangleAlert;
  const last = line.lastRefreshAt ? t('board.status.lastRefresh', { time: formatClock(line.lastRefreshAt, i18n.language) }) : t('board.status.neverRefreshed');
  const next = line.retryAt ? t('board.status.nextTry', { time: formatClock(line.retryAt, i18n.language) }) : null;
  // Stale: since when, and when the core tries again, in one sentence.
  const staleSince =
    line.key === 'stale' && line.lastRefreshAt && line.retryAt
      ? t('board.status.staleSince', { since: formatClock(line.lastRefreshAt, i18n.language), retry: formatClock(line.retryAt, i18n.language) })
      : null;
  return (
    <div className={`column-status tone-${line.tone}`} role={line.tone === 'error' ? 'alert' : 'status'} data-testid="column-status" data-state={line.key}>
      <Icon size={14} aria-hidden />
      <div className="column-status-text">
        <p>{staleSince ?? (line.key === 'chatNotAllowed' ? t('errors.chat_not_allowed') : t(`board.status.${line.key}`, { handle }))}</p>
        {line.key === 'loading' || staleSince ? null : (
          <p className="column-status-times">
            {last}
            {next ? ` · ${next}` : ''}
          </p>
        )}
        {line.detail && line.key !== 'reconnect' ? <p className="column-status-detail">{line.detail}</p> : null}
      </div>
      {line.key === 'reconnect' || line.key === 'chatNotAllowed' ? (
        <Button className="btn btn-primary btn-small" onPress={onReconnect}>
          {t('board.reconnect', { handle })}
        </Button>
      ) : line.key !== 'loading' && line.key !== 'unsupported' ? (
        <Button className="btn btn-ghost btn-small" onPress={onRetry}>
          {t('board.refreshNow')}
        </Button>
      ) : null}
    </div>
  );
}

/** When all is well: whether the column is followed live (a stream) or polled. */
export function LiveMode({ streaming }: { streaming: boolean }) {
  const { t } = useTranslation();
  const mode = streaming ? 'live' : 'polling';
  return (
    <p className={`column-mode mode-${mode}`} data-testid="column-mode" data-mode={mode}>
      {t(`liveUpdates.${mode}`)}
    </p>
  );
}

/**
 * "Chargement…" over the column's foot while its next page is asked for. It reads that flag
 * itself: a page asked for re-renders this line, not the column and its cards.
 */
export function LoadingMore({ columnId }: { columnId: string }) {
  const { t } = useTranslation();
  const loadingMore = useStreams((s) => s.feeds[columnId]?.loadingMore ?? false);
  return loadingMore ? <p className="column-loading column-loading-more">{t('common.loading')}</p> : null;
}
