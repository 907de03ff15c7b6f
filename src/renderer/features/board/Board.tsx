import { useTranslation } from 'react-i18next';
import { Columns3 } from 'lucide-react';
import { useApp } from '../../stores/app';
import { selectCurrentWorkspace, useWorkspaces } from '../../stores/workspaces';
import { DraftsColumn } from '../drafts/DraftsColumn';
import { NoWorkspace } from '../workspaces/NoWorkspace';

/** The board: columns of equal width side by side, scrolling sideways. */
export function Board() {
  const { t } = useTranslation();
  const workspace = useWorkspaces(selectCurrentWorkspace);
  const loaded = useWorkspaces((s) => s.loaded);
  const width = useApp((s) => s.settings.columnWidth);
  return (
    <main id="board" tabIndex={-1} className="board" aria-label={t('board.title')} data-column-width={width}>
      {!loaded ? <p className="board-loading">{t('common.loading')}</p> : null}
      {loaded && !workspace ? <NoWorkspace /> : null}
      {workspace ? (
        <div className="columns">
          <DraftsColumn workspace={workspace} />
          <div className="column column-placeholder">
            <Columns3 size={20} aria-hidden />
            <p className="placeholder-title">{t('board.moreColumns')}</p>
            <p>{t('board.moreColumnsBody')}</p>
          </div>
        </div>
      ) : null}
    </main>
  );
}
