import { useTranslation } from 'react-i18next';
import { CloudOff } from 'lucide-react';
import { useConnection } from '../../stores/connection';
import { useStreams, type ColumnFeed } from '../../stores/streams';

function latestRefresh(s: { feeds: Record<string, ColumnFeed> }): string | null {
  let last: string | null = null;
  for (const feed of Object.values(s.feeds)) {
    const at = feed.status?.lastRefreshAt ?? null;
    if (at && (!last || at > last)) last = at;
  }
  return last;
}

/** The computer is offline: columns show what the cache holds and refresh once it is back. */
export function OfflineBanner() {
  const { t, i18n } = useTranslation();
  const online = useConnection((s) => s.networkOnline);
  // Read here, not by the board: a column's page coming in re-renders the banner only.
  const lastRefreshAt = useStreams(latestRefresh);
  if (online) return null;
  const time = lastRefreshAt
    ? new Intl.DateTimeFormat(i18n.language.startsWith('fr') ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(lastRefreshAt))
    : null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <CloudOff size={16} aria-hidden />
      <span>{time ? t('board.offlineSince', { time }) : t('board.offline')}</span>
    </div>
  );
}
