import { useTranslation } from 'react-i18next';
import { Send } from 'lucide-react';
import type { InboxEntry } from '../../../shared/inbox/schemas';
import { FlagBadges } from '../../components/FlagBadges';
import { NetworkGlyph } from '../../components/NetworkGlyph';
import { RelativeTime } from '../../components/RelativeTime';
import type { Ageing } from '../../model/inbox/inboxModel';
import { formatInZone } from '../publishing/scheduleTime';
import { InboxItemMenu } from './InboxItemMenu';

interface InboxRowProps {
  workspaceId: string;
  /** The workspace's zone: a snooze's end is written in it, in the app's language. */
  timeZone: string;
  entry: InboxEntry;
  focused: boolean;
  /** How late an item that arrived then is (the workspace's target and business hours). */
  ageOf(arrivedAt: string): Ageing;
  onFocus(): void;
}

/** One inbox item: who, what kind, the text, the charter's badge, and how late it is against the target. */
export function InboxRow({ workspaceId, timeZone, entry, focused, ageOf, onFocus }: InboxRowProps) {
  const { t, i18n } = useTranslation();
  const age = entry.state === 'to_handle' ? ageOf(entry.arrivedAt) : null;
  const name = entry.actor.displayName || entry.actor.handle;
  return (
    <li
      className={`inbox-row ${focused ? 'is-focused' : ''} ${age ? `age-${age}` : ''}`}
      data-testid="inbox-row"
      tabIndex={focused ? 0 : -1}
      aria-current={focused ? 'true' : undefined}
      aria-label={t('inbox.rowLabel', { kind: t(`inbox.kinds.${entry.kind}`), name, text: entry.item?.text ?? '' }) + (entry.replyWaiting ? ` — ${t('inbox.replyWaiting')}` : '')}
      onFocus={onFocus}
      onClick={onFocus}
    >
      <div className="inbox-row-head">
        <NetworkGlyph network={entry.network} />
        <strong className="inbox-name">{name}</strong>
        <span className="inbox-handle">@{entry.actor.handle}</span>
        <span className="inbox-kind">{t(`inbox.kinds.${entry.kind}`)}</span>
        {age ? <span className={`inbox-age age-${age}`}>{t(`inbox.age.${age}`)}</span> : null}
        {entry.replyWaiting ? (
          <span className="inbox-reply-waiting">
            <Send size={12} aria-hidden /> {t('inbox.replyWaiting')}
          </span>
        ) : null}
        <RelativeTime iso={entry.arrivedAt} compact />
        <InboxItemMenu workspaceId={workspaceId} entry={entry} focused={focused} />
      </div>
      {entry.item ? <p className="inbox-text">{entry.item.text}</p> : null}
      <FlagBadges flags={entry.flags} />
      {entry.state === 'snoozed' && entry.snoozedUntil ? <p className="inbox-meta">{t('inbox.snoozedUntil', { at: formatInZone(entry.snoozedUntil, timeZone, i18n.language) })}</p> : null}
    </li>
  );
}
