import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, TextArea, TextField } from 'react-aria-components';
import { X } from 'lucide-react';
import type { ThreadView } from '../../../shared/board/schemas';
import type { InboxEntry, PersonHistory } from '../../../shared/inbox/schemas';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { useToasts } from '../../stores/toasts';

/** The conversation around an inbox item, and this person with the brand: exchanges, the last one, the note kept about them. */
export function ConversationPane({ workspaceId, entry, onClose }: { workspaceId: string; entry: InboxEntry; onClose(): void }) {
  const { t } = useTranslation();
  const [thread, setThread] = useState<ThreadView | null>(null);
  const [person, setPerson] = useState<PersonHistory | null>(null);
  const [note, setNote] = useState('');
  // Read again only for another item or person: the list reloads whenever something arrives,
  // and a note being typed must not be replaced by the stored one.
  const itemId = entry.item?.id ?? null;
  const { accountId } = entry;
  const actorId = entry.actor.id;
  useEffect(() => {
    let live = true;
    if (itemId) void getClient().invoke('item.thread', { itemId, asAccountId: accountId }).then((r) => live && r.ok && setThread(r.value));
    return () => void (live = false);
  }, [itemId, accountId]);
  useEffect(() => {
    let live = true;
    void getClient().invoke('person.history', { workspaceId, actorId }).then((r) => {
      if (live && r.ok) {
        setPerson(r.value);
        setNote(r.value.note);
      }
    });
    return () => void (live = false);
  }, [workspaceId, actorId]);
  // Saying so: a note is written for later, and a silent button leaves the doubt.
  const saveNote = async () => {
    const result = await getClient().invoke('person.setNote', { workspaceId, actorId, note });
    if (!result.ok) return useToasts.getState().show({ tone: 'error', message: t('inbox.conversation.noteFailed', { reason: errorText(result.error) }) });
    setPerson(result.value);
    useToasts.getState().show({ message: t('inbox.conversation.noteSaved', { handle: result.value.actor.handle }) });
  };
  const posts = thread ? [...thread.ancestors, thread.focus, ...thread.replies.map((r) => r.item)] : [];
  return (
    <aside className="inbox-conversation" aria-label={t('inbox.conversation.title')}>
      <div className="inbox-conversation-head">
        <h2>{t('inbox.conversation.title')}</h2>
        <Button className="icon-button" aria-label={t('common.close')} onPress={onClose}>
          <X size={16} aria-hidden />
        </Button>
      </div>
      <ol className="inbox-thread">
        {posts.map((p) => (
          <li key={p.id} className={`${p.own ? 'is-own' : ''} ${p.id === entry.item?.id ? 'is-focus' : ''}`}>
            <strong>{p.author.displayName || p.author.handle}</strong> <span>{p.text}</span>
          </li>
        ))}
      </ol>
      {person ? (
        <section className="inbox-person" aria-label={t('inbox.conversation.person')}>
          <p>{t('inbox.conversation.history', { count: person.exchanges, handle: person.actor.handle })}</p>
          <TextField className="field" value={note} onChange={setNote}>
            <Label>{t('inbox.conversation.note')}</Label>
            <TextArea rows={3} maxLength={5000} />
          </TextField>
          <Button className="button" onPress={() => void saveNote()}>
            {t('inbox.conversation.saveNote')}
          </Button>
        </section>
      ) : null}
    </aside>
  );
}
