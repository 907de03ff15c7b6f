import { useTranslation } from 'react-i18next';
import { CloudOff } from 'lucide-react';
import { useConnection } from '../../stores/connection';

/** The computer is offline: columns show what the cache holds and refresh once it is back. */
export function OfflineBanner({ lastRefreshAt }: { lastRefreshAt: string | null }) {
  const { t, i18n } = useTranslation();
  const online = useConnection((s) => s.networkOnline);
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
