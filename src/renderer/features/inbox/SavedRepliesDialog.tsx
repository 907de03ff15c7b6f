import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, TextArea, TextField } from 'react-aria-components';
import type { InboxEntry, SavedReply } from '../../../shared/inbox/schemas';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { replyVariables } from '../../../shared/inbox/saved-replies';
import { useAccounts } from '../../stores/accounts';
import { reply } from './inboxActions';

/** The workspace's saved replies (FR/EN, with {name}, {handle}, {account}): add, remove, answer the focused item with one. */
export function SavedRepliesDialog({ workspaceId, entry, onClose }: { workspaceId: string; entry: InboxEntry | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [language, setLanguage] = useState<SavedReply['language']>(i18n.language.startsWith('en') ? 'en' : 'fr');
  const [error, setError] = useState<string | null>(null);
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId]);
  const reload = () => void getClient().invoke('reply.list', { workspaceId }).then((r) => r.ok && setReplies(r.value));
  useEffect(reload, [workspaceId]);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const r = await getClient().invoke('reply.save', { id: crypto.randomUUID(), workspaceId, name, language, text });
    if (!r.ok) return setError(errorText(r.error));
    setName('');
    setText('');
    setError(null);
    reload();
  };
  const use = (saved: SavedReply) => {
    if (!entry) return;
    const handle = accounts?.find((a) => a.id === entry.accountId)?.handle ?? '';
    onClose();
    void reply(workspaceId, entry, { text: saved.text, accountHandle: `@${handle}` });
  };
  return (
    <AppDialog title={t('inbox.replies.title')} onClose={onClose} size="medium">
      <ul className="saved-replies">
        {replies.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> <span className="chip">{r.language.toUpperCase()}</span>
            <p>{r.text}</p>
            {replyVariables(r.text).length > 0 ? <p className="dialog-note">{t('inbox.replies.variables', { list: replyVariables(r.text).map((v) => `{${v}}`).join(', ') })}</p> : null}
            <Button className="button" isDisabled={!entry?.item} onPress={() => use(r)}>
              {t('inbox.replies.use')}
            </Button>
            <Button className="button" onPress={() => void getClient().invoke('reply.delete', { id: r.id }).then(reload)}>
              {t('inbox.replies.delete', { name: r.name })}
            </Button>
          </li>
        ))}
      </ul>
      <Form onSubmit={(e) => void add(e)} className="saved-reply-form">
        <TextField className="field" value={name} onChange={setName} isRequired maxLength={80}>
          <Label>{t('inbox.replies.name')}</Label>
          <Input />
        </TextField>
        <div className="field">
          <label className="field-label" htmlFor="saved-reply-language">
            {t('savedReplyPicker.language')}
          </label>
          <select id="saved-reply-language" className="input" value={language} onChange={(e) => setLanguage(e.target.value as SavedReply['language'])}>
            {(['fr', 'en'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`savedReplyPicker.languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField className="field" value={text} onChange={setText} isRequired maxLength={5000}>
          <Label>{t('inbox.replies.text')}</Label>
          <TextArea rows={3} />
        </TextField>
        {error ? <p role="alert">{error}</p> : null}
        <Button type="submit" className="button primary">
          {t('inbox.replies.add')}
        </Button>
      </Form>
    </AppDialog>
  );
}
