import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, TextArea, TextField } from 'react-aria-components';
import { Send } from 'lucide-react';
import type { BoardItem } from '../../../shared/board/schemas';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { atHandle } from '../../model/board/safeLinks';
import { useToasts } from '../../stores/toasts';
import type { CardActor } from './itemActions';

/** A direct message (Bluesky chat) is answered in its conversation, from the card. */
export const isChatItem = (item: BoardItem) => item.uri.startsWith('chat:');

/** The core refreshes the account's Direct messages columns once sent: the answer shows there. */
export function ChatReply({ item, actor }: { item: BoardItem; actor: CardActor }) {
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
      <Button type="submit" className="btn btn-primary btn-small" isDisabled={!text.trim() || sending}>
        <Send size={14} aria-hidden />
        <span>{t('chat.send')}</span>
      </Button>
    </Form>
  );
}
