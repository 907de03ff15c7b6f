import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, TextArea, TextField } from 'react-aria-components';
import { MessagesSquare, Send } from 'lucide-react';
import type { BoardItem } from '../../../shared/board/schemas';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { atHandle } from '../../model/board/safeLinks';
import { useToasts } from '../../stores/toasts';
import { IconButton } from '../../components/IconButton';
import { openThread, type CardActor } from './itemActions';

export { isChatItem } from './itemActions';

/**
 * Answers a direct message (Bluesky chat) in its conversation, under its card or in the
 * conversation panel (`inPanel`: no button to open it again; `onSent` reloads it). The core
 * refreshes the account's Direct messages columns once sent: the answer shows there.
 */
export function ChatReply({ item, actor, inPanel = false, onSent }: { item: BoardItem; actor: CardActor; inPanel?: boolean; onSent?: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const send = async () => {
    if (!text.trim() || sending) return;
    setSending(true);
    const result = await getClient().invoke('item.sendMessage', { itemId: item.id, asAccountId: actor.account.id, text: text.trim() });
    setSending(false);
    if (!result.ok) {
      useToasts.getState().show({ tone: 'error', message: t('chat.sendFailed', { reason: errorText(result.error) }) });
      return;
    }
    setText('');
    onSent?.();
  };
  return (
    <Form
      className="chat-reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <TextField value={text} onChange={setText} aria-label={t('chat.answerAs', { handle: atHandle(actor.account.handle) })} maxLength={1000}>
        <TextArea className="chat-reply-input" rows={1} placeholder={t('chat.placeholder')} />
      </TextField>
      {inPanel ? null : <IconButton label={t('chat.openConversation')} icon={MessagesSquare} shortcut="O" onPress={() => openThread(item, actor)} />}
      <Button type="submit" className="btn btn-primary btn-small" isDisabled={!text.trim() || sending}>
        <Send size={14} aria-hidden />
        <span>{t('chat.send')}</span>
      </Button>
    </Form>
  );
}
