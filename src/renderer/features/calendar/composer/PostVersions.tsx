import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { History } from 'lucide-react';
import type { PostRevision } from '../../../../shared/calendar/schemas';
import { getClient } from '../../../client';
import { RelativeTime } from '../../../components/RelativeTime';
import { FormError } from '../../../components/FormError';
import { errorText } from '../../../i18n';
import { useComposer } from '../../../stores/composer';
import { useToasts } from '../../../stores/toasts';

/** Versions an import or a sync replaced (the rows that created the post hold none). */
type Replaced = PostRevision & { text: string };
const replaced = (r: PostRevision): r is Replaced => r.text !== null;
const readVersions = (draftId: string) => getClient().invoke('post.history', { draftId });

/**
 * The versions of this post that imports, shared-calendar syncs and undos replaced: what, by
 * whom, when, and the text it had. "Reprendre ce texte" puts that text back in the composer
 * (saved like any edit; "Annuler" in the toast, or Ctrl+Z while it shows, gives back the text
 * it replaced). Nothing an exchange replaces is lost: here is where a person finds it.
 */
export function PostVersions({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  const text = useComposer((s) => s.text);
  const [versions, setVersions] = useState<Replaced[]>([]);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback(
    (result: Awaited<ReturnType<typeof readVersions>>) => {
      if (result.ok) {
        setVersions(result.value.filter(replaced));
        setError(null);
      } else setError(t('calendar.versions.loadFailed', { reason: errorText(result.error) }));
    },
    [t],
  );
  useEffect(() => {
    let live = true;
    void readVersions(draftId).then((result) => live && show(result));
    return () => {
      live = false;
    };
  }, [draftId, show]);
  const load = () => void readVersions(draftId).then(show);

  if (versions.length === 0 && !error) return null;

  const takeBack = (version: Replaced) => {
    const composer = useComposer.getState();
    const before = composer.text;
    composer.setText(version.text);
    useToasts.getState().show({
      message: t('calendar.versions.restored'),
      action: { label: t('calendar.versions.undo'), isUndo: true, run: () => useComposer.getState().setText(before) },
    });
  };

  return (
    // Read again when opened: an import may have replaced the post since.
    <details className="comments post-versions" onToggle={(e) => (e.currentTarget.open ? load() : undefined)}>
      <summary>
        <History size={14} aria-hidden />
        <span>{t('calendar.versions.title', { count: versions.length })}</span>
      </summary>
      <FormError message={error} />
      <ol className="comment-list" aria-label={t('calendar.versions.list')}>
        {versions.map((v) => (
          <li key={v.id} className="comment">
            <p className="comment-meta">
              <strong>{t(`calendar.versions.action.${v.action}`)}</strong>
              {v.author ? ` · ${v.author}` : ''} · <RelativeTime iso={v.createdAt} />
            </p>
            <p className="comment-text">{v.text}</p>
            <Button className="btn btn-ghost" isDisabled={v.text === text} onPress={() => takeBack(v)}>
              {t('calendar.versions.takeBack')}
            </Button>
          </li>
        ))}
      </ol>
    </details>
  );
}
