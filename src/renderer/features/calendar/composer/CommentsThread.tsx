import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { MessageSquare } from 'lucide-react';
import { RelativeTime } from '../../../components/RelativeTime';
import { errorText } from '../../../i18n';
import { useApp } from '../../../stores/app';
import { usePlanning } from '../../../stores/planning';
import { FormError } from '../../../components/FormError';

/** The post's comments (author and time) and a field to add one, signed with the local profile's name. */
export function CommentsThread() {
  const { t } = useTranslation();
  const comments = usePlanning((s) => s.comments);
  const add = usePlanning((s) => s.comment);
  const profileName = useApp((s) => s.settings.profileName);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const result = await add(text.trim());
    setBusy(false);
    if (result.ok) {
      setText('');
      setError(null);
      // "Commenter" is disabled once the field is empty: the focus goes back to the field, for the next comment.
      field.current?.focus();
    } else setError(errorText(result.error));
  };

  return (
    <details className="comments" open={comments.length > 0 ? true : undefined}>
      <summary>
        <MessageSquare size={14} aria-hidden />
        <span>{t('calendar.comments.title', { count: comments.length })}</span>
      </summary>
      {comments.length > 0 ? (
        <ol className="comment-list" aria-label={t('calendar.comments.list')}>
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <span className="comment-meta">
                <strong>{c.author || t('calendar.comments.anonymous')}</strong> · <RelativeTime iso={c.createdAt} />
              </span>
              <p className="comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
      <form className="comment-form" onSubmit={(e) => void submit(e)}>
        <label className="sr-only" htmlFor="comment-text">
          {t('calendar.comments.field')}
        </label>
        <textarea
          ref={field}
          id="comment-text"
          className="input"
          rows={2}
          value={text}
          placeholder={t('calendar.comments.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.stopPropagation();
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
          aria-describedby="comment-author"
        />
        <p id="comment-author" className="field-hint">
          {profileName ? t('calendar.comments.as', { name: profileName }) : t('calendar.comments.noProfile')}
        </p>
        <FormError message={error} />
        <Button type="submit" className="btn btn-ghost" isDisabled={!text.trim()} isPending={busy}>
          {t('calendar.comments.add')}
        </Button>
      </form>
    </details>
  );
}
