import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isTextEntryTarget } from '../../lib/keys';
import { useApp } from '../../stores/app';
import { selectCurrentWorkspace, useWorkspaces } from '../../stores/workspaces';
import { DraftsColumn } from '../drafts/DraftsColumn';
import { PostsColumn } from '../posts/PostsColumn';
import { NoWorkspace } from '../workspaces/NoWorkspace';

const LEFT = new Set(['ArrowLeft', 'h']);
const RIGHT = new Set(['ArrowRight', 'l']);

/**
 * ←/h and →/l from a card: to the card holding the tab stop of the nearest column that has cards.
 * Returns false when there is none that way (the key is left alone).
 */
export function moveToNeighbourColumn(container: HTMLElement, from: HTMLElement, step: -1 | 1): boolean {
  const columns = Array.from(container.querySelectorAll<HTMLElement>('[data-roving-column]'));
  const current = columns.findIndex((c) => c.contains(from));
  if (current === -1) return false;
  for (let i = current + step; i >= 0 && i < columns.length; i += step) {
    const target = columns[i]!.querySelector<HTMLElement>('[data-roving-item][tabindex="0"]') ?? columns[i]!.querySelector<HTMLElement>('[data-roving-item]');
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}

/** The board: columns of equal width side by side, scrolling sideways. */
export function Board() {
  const { t } = useTranslation();
  const workspace = useWorkspaces(selectCurrentWorkspace);
  const loaded = useWorkspaces((s) => s.loaded);
  const width = useApp((s) => s.settings.columnWidth);

  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const step = LEFT.has(event.key) ? -1 : RIGHT.has(event.key) ? 1 : 0;
    if (step === 0 || isTextEntryTarget(event.target)) return;
    if (moveToNeighbourColumn(event.currentTarget, event.target as HTMLElement, step)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <main id="board" tabIndex={-1} className="board" aria-label={t('board.title')} data-column-width={width}>
      {!loaded ? <p className="board-loading">{t('common.loading')}</p> : null}
      {loaded && !workspace ? <NoWorkspace /> : null}
      {workspace ? (
        <div className="columns" onKeyDownCapture={onKeyDownCapture}>
          <DraftsColumn workspace={workspace} />
          <PostsColumn workspace={workspace} column="scheduled" />
          <PostsColumn workspace={workspace} column="sent" />
        </div>
      ) : null}
    </main>
  );
}
