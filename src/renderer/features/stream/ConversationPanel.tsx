import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ChevronUp } from 'lucide-react';
import type { ConversationView } from '../../../shared/board/schemas';
import { RelativeTime } from '../../components/RelativeTime';
import { atHandle, clampText } from '../../model/board/safeLinks';
import { usePanel } from '../../stores/panel';
import { ChatReply } from './ChatReply';
import type { CardActor } from './itemActions';
import { RichText } from './RichText';
import { openProfile, openTag } from './itemActions';

/**
 * A direct conversation in the panel beside the board (Bluesky chat): its messages oldest
 * first, older ones on demand, and the answer field under the newest. Messages are text and
 * spans only (no post actions); the core marks the conversation read when it opens.
 */
export function ConversationPanel({ conversation, actor, loading }: { conversation: ConversationView; actor: CardActor; loading: boolean }) {
  const { t } = useTranslation();
  const end = useRef<HTMLLIElement>(null);
  const newest = conversation.messages.at(-1);
  // The newest message in view when the conversation opens or a message arrives.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [newest?.id]);
  return (
    <div className="conversation">
      {conversation.fromCache ? <p className="column-status tone-warn">{t('chat.fromCache')}</p> : null}
      {conversation.olderCursor ? (
        <Button className="btn btn-ghost conversation-older" isDisabled={loading} onPress={() => void usePanel.getState().loadOlder()}>
          <ChevronUp size={14} aria-hidden />
          <span>{t('chat.loadOlder')}</span>
        </Button>
      ) : null}
      <ol className="conversation-messages" aria-label={t('chat.messages')}>
        {conversation.messages.map((m, i) => {
          const mine = m.author.handle === actor.account.handle;
          return (
            <li key={m.id} ref={i === conversation.messages.length - 1 ? end : undefined} className={`conversation-message ${mine ? 'is-mine' : ''}`} data-testid="conversation-message">
              <p className="item-names">
                <span className="item-name">{clampText(m.author.displayName || m.author.handle, 80)}</span> <span className="item-handle">{clampText(atHandle(m.author.handle), 80)}</span>{' '}
                <RelativeTime iso={m.createdAt} />
              </p>
              <p className="item-text">
                <RichText spans={m.spans} tabIndex={0} onMention={(h) => openProfile(h, actor)} onTag={(tag) => openTag(tag, actor)} />
              </p>
            </li>
          );
        })}
      </ol>
      {newest ? <ChatReply item={newest} actor={actor} inPanel onSent={() => void usePanel.getState().reload()} /> : null}
    </div>
  );
}
