import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Copy, Trash2 } from 'lucide-react';
import type { Draft } from '../../../shared/domain';
import { IconButton } from '../../components/IconButton';
import { RelativeTime } from '../../components/RelativeTime';
import { draftPreview } from '../../model/draftList';

interface DraftCardProps {
  draft: Draft;
  /** The card holding the column's tab stop (roving tabindex). */
  active: boolean;
  /** Open in the composer right now. */
  editing: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  onOpen(): void;
  onFocus(): void;
  onDuplicate(): void;
  onDelete(): void;
}

export function DraftCard({ draft, active, editing, buttonRef, onOpen, onFocus, onDuplicate, onDelete }: DraftCardProps) {
  const { t } = useTranslation();
  const preview = draftPreview(draft.text);
  const timeId = `draft-time-${draft.id}`;
  return (
    <div className={`card ${active ? 'is-active' : ''} ${editing ? 'is-editing' : ''}`} data-draft-id={draft.id} onFocus={onFocus}>
      <button
        type="button"
        ref={buttonRef}
        className="card-open"
        data-roving-item
        tabIndex={active ? 0 : -1}
        aria-describedby={timeId}
        aria-keyshortcuts="Enter"
        onClick={onOpen}
      >
        <span className={`card-text ${preview ? '' : 'is-empty'}`}>{preview || t('drafts.empty')}</span>
      </button>
      <div className="card-footer">
        <RelativeTime id={timeId} iso={draft.updatedAt} prefix={t('drafts.editedPrefix')} />
        {editing ? <span className="card-badge">{t('drafts.editing')}</span> : null}
        <div className="card-actions">
          <IconButton label={t('drafts.duplicate')} icon={Copy} shortcut="D" excludeFromTabOrder={!active} onPress={onDuplicate} />
          <IconButton
            label={t('drafts.delete')}
            icon={Trash2}
            shortcut={t('keys.delete')}
            excludeFromTabOrder={!active}
            variant="danger"
            onPress={onDelete}
          />
        </div>
      </div>
    </div>
  );
}
