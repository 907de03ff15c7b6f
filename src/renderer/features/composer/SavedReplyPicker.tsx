import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, ListBox, ListBoxItem, Radio, RadioGroup, SearchField, TextField } from 'react-aria-components';
import type { SavedReply } from '../../../shared/inbox/schemas';
import { fillReply, missingVariables, searchReplies } from '../../../shared/inbox/saved-replies';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import { errorText } from '../../i18n';

interface PickerProps {
  workspaceId: string;
  /** The language shown first (the post answered's, else the app's). */
  language: SavedReply['language'];
  /** What the reply's context and the answering account fill ({name}, {handle}, {account}). */
  values: Readonly<Record<string, string>>;
  onInsert(text: string): void;
  onClose(): void;
}

/**
 * The workspace's saved replies from the composer: searched by name or text in one language,
 * chosen with the arrows and Enter (Enter in the search takes the first), then the variables the
 * context does not fill are asked for; one left blank stays as {typed} in the text.
 */
export function SavedReplyPicker({ workspaceId, language: initialLanguage, values, onInsert, onClose }: PickerProps) {
  const { t } = useTranslation();
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [language, setLanguage] = useState<SavedReply['language']>(initialLanguage);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<SavedReply | null>(null);
  const [custom, setCustom] = useState<Record<string, string>>({});
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void getClient()
      .invoke('reply.list', { workspaceId })
      .then((r) => (r.ok ? setReplies(r.value) : setError(errorText(r.error))));
  }, [workspaceId]);
  const found = useMemo(() => searchReplies(replies ?? [], language, query), [replies, language, query]);
  const choose = (reply: SavedReply | undefined) => {
    if (!reply) return;
    if (missingVariables(reply.text, values).length === 0) onInsert(fillReply(reply.text, values));
    else setChosen(reply);
  };
  const insertChosen = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onInsert(fillReply(chosen.text, { ...values, ...custom }));
  };

  return (
    <AppDialog title={t('savedReplyPicker.title')} onClose={onClose} size="medium" dismissable>
      {chosen ? (
        <Form onSubmit={insertChosen} className="saved-reply-variables">
          <p>{t('savedReplyPicker.fill', { name: chosen.name })}</p>
          {missingVariables(chosen.text, values).map((name, i) => (
            <TextField key={name} className="field" value={custom[name] ?? ''} onChange={(v) => setCustom((c) => ({ ...c, [name]: v }))} autoFocus={i === 0}>
              <Label className="field-label">{`{${name}}`}</Label>
              <Input className="input" />
            </TextField>
          ))}
          <p className="dialog-note">{t('savedReplyPicker.blankStays')}</p>
          <div className="dialog-actions">
            <Button className="btn btn-ghost" onPress={() => setChosen(null)}>
              {t('savedReplyPicker.back')}
            </Button>
            <Button type="submit" className="btn btn-primary">
              {t('savedReplyPicker.insert')}
            </Button>
          </div>
        </Form>
      ) : (
        <>
          <div className="saved-reply-search">
            <SearchField
              className="field"
              value={query}
              onChange={setQuery}
              autoFocus
              onSubmit={() => choose(found[0])}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowDown' || found.length === 0) return e.continuePropagation();
                list.current?.querySelector<HTMLElement>('[role="option"]')?.focus();
              }}
            >
              <Label className="field-label">{t('savedReplyPicker.search')}</Label>
              <Input className="input" />
            </SearchField>
            <RadioGroup className="field" orientation="horizontal" value={language} onChange={(v) => setLanguage(v as SavedReply['language'])}>
              <Label className="field-label">{t('savedReplyPicker.language')}</Label>
              <div className="radio-list">
                {(['fr', 'en'] as const).map((l) => (
                  <Radio key={l} value={l} className="radio">
                    <span className="radio-dot" aria-hidden />
                    <span>{t(`savedReplyPicker.languages.${l}`)}</span>
                  </Radio>
                ))}
              </div>
            </RadioGroup>
          </div>
          {error ? <p role="alert">{error}</p> : null}
          <p className="dialog-note" role="status">
            {replies === null ? '' : found.length === 0 ? t('savedReplyPicker.none') : t('savedReplyPicker.count', { count: found.length })}
          </p>
          {found.length > 0 ? (
            <ListBox ref={list} className="saved-reply-list" aria-label={t('savedReplyPicker.list')} items={found} onAction={(key) => choose(found.find((r) => r.id === key))}>
              {(reply) => (
                <ListBoxItem id={reply.id} textValue={reply.name} className="saved-reply-option">
                  <strong>{reply.name}</strong>
                  <span className="saved-reply-text">{reply.text}</span>
                </ListBoxItem>
              )}
            </ListBox>
          ) : null}
        </>
      )}
    </AppDialog>
  );
}
