import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { X } from 'lucide-react';
import { DRAFT_MAX_LENGTH } from '../../../shared/domain';
import { IconButton } from '../../components/IconButton';
import { WorkspaceChip } from '../../components/WorkspaceChip';
import { useComposer } from '../../stores/composer';
import { useWorkspaces } from '../../stores/workspaces';
import { SaveStatus } from './SaveStatus';

/** The drawer from the right: writing autosaves, the board stays visible beside it. */
export function Composer() {
  const { t } = useTranslation();
  const open = useComposer((s) => s.open);
  const text = useComposer((s) => s.text);
  const workspaceId = useComposer((s) => s.workspaceId);
  const focusRequest = useComposer((s) => s.focusRequest);
  const setText = useComposer((s) => s.setText);
  const flush = useComposer((s) => s.flush);
  const close = useComposer((s) => s.close);
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!open) return;
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [open, focusRequest]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void close();
    }
  };

  return (
    <aside className="composer" aria-labelledby="composer-title">
      <header className="composer-header">
        <h2 id="composer-title">{t('composer.title')}</h2>
        {workspace ? (
          <span className="composer-workspace">
            <WorkspaceChip workspace={workspace} size="small" />
            <span>{workspace.name}</span>
          </span>
        ) : null}
        <IconButton label={t('composer.close')} icon={X} shortcut={t('keys.escape')} onPress={() => void close()} />
      </header>
      <p className="composer-targets">{t('composer.noTargets')}</p>
      <label htmlFor="composer-text" className="field-label">
        {t('composer.textLabel')}
      </label>
      <textarea
        id="composer-text"
        ref={textarea}
        className="composer-text"
        value={text}
        maxLength={DRAFT_MAX_LENGTH}
        placeholder={t('composer.placeholder')}
        spellCheck
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void flush()}
        onKeyDown={onKeyDown}
      />
      <footer className="composer-footer">
        <SaveStatus />
        <span className="char-count">{t('composer.characters', { count: Array.from(text).length })}</span>
      </footer>
    </aside>
  );
}
