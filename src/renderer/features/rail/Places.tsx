import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { CalendarDays, ChartColumn, Columns3, Inbox, Settings } from 'lucide-react';
import { Tip } from '../../components/Tip';
import { useInbox } from '../../stores/inbox';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';

interface Place {
  id: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  current?: boolean;
  soon?: boolean;
  shortcut?: string;
  /** Items waiting (the inbox's "to handle"). */
  count?: number | undefined;
  onPress?(): void;
}

/** The app's places; those not built yet say so ("Bientôt") instead of doing nothing silently. */
export function Places() {
  const { t } = useTranslation();
  const openDialog = useUi((s) => s.openDialog);
  const place = useUi((s) => s.place);
  const goTo = useUi((s) => s.goTo);
  const workspaceId = useWorkspaces((s) => s.selectedId);
  const inboxCount = useInbox((s) => (workspaceId ? s.counts[workspaceId]?.toHandle : undefined));
  useEffect(() => {
    if (workspaceId) void useInbox.getState().loadCounts(workspaceId);
  }, [workspaceId]);
  const places: Place[] = [
    { id: 'board', icon: Columns3, current: place === 'board', shortcut: 'B', onPress: () => goTo('board') },
    { id: 'calendar', icon: CalendarDays, current: place === 'calendar', shortcut: 'C', onPress: () => goTo('calendar') },
    { id: 'inbox', icon: Inbox, current: place === 'inbox', shortcut: 'I', onPress: () => goTo('inbox'), count: inboxCount },
    { id: 'reports', icon: ChartColumn, soon: true },
    { id: 'settings', icon: Settings, onPress: () => openDialog({ kind: 'settings' }) },
  ];
  return (
    <div className="rail-section rail-places">
      <h2 className="rail-heading" id="rail-places">
        {t('places.title')}
      </h2>
      <ul aria-labelledby="rail-places">
        {places.map(({ id, icon: Icon, current, soon, shortcut, count, onPress }) => (
          <li key={id}>
            <Tip label={soon ? t('places.soon') : t(`places.${id}`)} shortcut={shortcut} placement="end">
              <Button
                className={`place ${current ? 'is-current' : ''} ${soon ? 'is-soon' : ''}`}
                aria-current={current ? 'page' : undefined}
                aria-disabled={soon ? true : undefined}
                aria-keyshortcuts={shortcut}
                onPress={soon ? undefined : onPress}
              >
                <Icon size={16} aria-hidden />
                <span className="place-label">{t(`places.${id}`)}</span>
                {count ? (
                  <span className="place-count" aria-label={t('inbox.toHandleCount', { count })}>
                    {count}
                  </span>
                ) : null}
                {soon ? <span className="soon-badge">{t('places.soon')}</span> : null}
              </Button>
            </Tip>
          </li>
        ))}
      </ul>
    </div>
  );
}
