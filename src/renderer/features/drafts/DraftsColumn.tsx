import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FileText } from 'lucide-react';
import type { Draft, Workspace } from '../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { Kbd } from '../../components/Kbd';
import { errorText } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { useDrafts } from '../../stores/drafts';
import { usePosts } from '../../stores/posts';
import { useUi } from '../../stores/ui';
import { Column } from '../../components/Column';
import { navigateBoard } from '../../lib/boardNavigation';
import { DraftCard } from './DraftCard';
import { deleteDraft, duplicateDraft } from './draftActions';
import { withoutPlanned } from '../../model/draftList';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { LoadError } from '../../components/LoadError';

const NO_DRAFTS: Draft[] = [];

/** The "Brouillons" column: the workspace's drafts, newest first, keyboard-navigable. */
export function DraftsColumn({ workspace, menu, handle }: { workspace: Workspace; menu?: ReactNode; handle?: ReactNode }) {
  const { t } = useTranslation();
  const allDrafts = useDrafts((s) => s.byWorkspace[workspace.id] ?? NO_DRAFTS);
  const postLists = usePosts((s) => s.lists[workspace.id]);
  // A planned post stays one card in its own column, even while it is open in the composer.
  const drafts = useMemo(() => withoutPlanned(allDrafts, [...(postLists?.scheduled ?? []), ...(postLists?.sent ?? [])]), [allDrafts, postLists]);
  const loaded = useDrafts((s) => s.byWorkspace[workspace.id] !== undefined);
  const error = useDrafts((s) => s.errors[workspace.id]);
  const load = useDrafts((s) => s.load);
  const editingId = useComposer((s) => (s.open ? s.draftId : null));
  const openDraft = useComposer((s) => s.openDraft);
  const focusDraftId = useUi((s) => s.focusDraftId);
  const focusBoardRequest = useUi((s) => s.focusBoardRequest);
  // The card holding the tab stop, by id so it stays put when the list reorders.
  const [activeId, setActiveId] = useState<string | null>(null);
  const list = useRef<VirtualListHandle>(null);
  const emptyRef = useRef<HTMLDivElement>(null);

  const activeIndex = Math.max(
    drafts.findIndex((d) => d.id === activeId),
    0,
  );

  const focusIndex = (index: number) => {
    const draft = drafts[index];
    if (!draft) return;
    setActiveId(draft.id);
    list.current?.focusKey(draft.id);
  };

  // A card asked for focus (closed composer, duplicate, undo): focus it once it is rendered
  // (its onFocus then makes it the active card).
  useEffect(() => {
    if (!focusDraftId || !drafts.some((d) => d.id === focusDraftId)) return;
    list.current?.focusKey(focusDraftId);
    useUi.getState().focusDraft(null);
  }, [focusDraftId, drafts]);

  useEffect(() => {
    if (focusBoardRequest === 0) return;
    const draft = drafts[activeIndex];
    if (draft) list.current?.focusKey(draft.id);
    else emptyRef.current?.focus();
    // Only on request, not when the list changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusBoardRequest]);

  const remove = async (index: number) => {
    const draft = drafts[index];
    if (!draft) return;
    const next = drafts[index + 1] ?? drafts[index - 1];
    if ((await deleteDraft(draft)) && next) useUi.getState().focusDraft(next.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moved = navigateBoard({ column: 0, row: activeIndex }, event.key, [drafts.length]);
    if (moved) {
      event.preventDefault();
      focusIndex(moved.row);
      return;
    }
    const draft = drafts[activeIndex];
    if (!draft) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      void remove(activeIndex);
    } else if (event.key === 'd' || event.key === 'D') {
      event.preventDefault();
      void duplicateDraft(draft);
    }
  };

  return (
    <Column
      id="drafts"
      icon={FileText}
      title={t('drafts.title')}
      count={drafts.length}
      countLabel={t('drafts.count', { count: drafts.length })}
      color={workspace.color}
      menu={menu}
      handle={handle}
    >
      {error ? (
        <LoadError message={t('drafts.loadFailed', { reason: errorText(error) })} onRetry={() => void load(workspace.id)} />
      ) : null}
      {!loaded && !error ? <p className="column-loading">{t('common.loading')}</p> : null}
      {loaded && drafts.length === 0 ? (
        <div ref={emptyRef} tabIndex={-1} className="column-empty">
          <EmptyState icon={FileText} title={t('drafts.emptyTitle')}>
            <p>
              {t('drafts.emptyBodyBefore')} <Kbd keys="N" /> {t('drafts.emptyBodyAfter')}
            </p>
          </EmptyState>
        </div>
      ) : null}
      {drafts.length > 0 ? (
        <VirtualList
          handle={list}
          items={drafts}
          getKey={(draft) => draft.id}
          label={t('drafts.title')}
          activeKey={drafts[activeIndex]?.id ?? null}
          onKeyDown={onKeyDown}
          estimateSize={88}
          renderItem={(draft, index) => (
            <DraftCard
              draft={draft}
              active={index === activeIndex}
              editing={draft.id === editingId}
              onFocus={() => setActiveId(draft.id)}
              onOpen={() => void openDraft(draft)}
              onDuplicate={() => void duplicateDraft(draft)}
              onDelete={() => void remove(index)}
            />
          )}
        />
      ) : null}
    </Column>
  );
}
