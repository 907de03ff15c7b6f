/**
 * Desktop notifications in the renderer (pure, no React): the core decides what is announced
 * (`column.notify`, shared/board/notice.ts); a click leads to the entry in its column, on its
 * board, in its workspace, under the column's own account.
 */
import type { NoticeTarget } from '../../../shared/board/notice';

/** Column types that notify unless the person turned it off. */
export function notifiesByDefault(type: string): boolean {
  return type === 'mentions' || type === 'direct';
}

/** What opening a notification needs from the stores. */
export interface NoticePorts {
  selectedWorkspaceId(): string | null;
  selectWorkspace(workspaceId: string): void;
  selectBoard(workspaceId: string, boardId: string): void;
  /** The column focuses this entry once it shows it, acting as the column's account. */
  focusEntry(columnId: string, key: string): void;
}

/** A notification was clicked: its workspace, its board, then the entry in its column. */
export function openNoticeTarget(target: NoticeTarget, ports: NoticePorts): void {
  if (ports.selectedWorkspaceId() !== target.workspaceId) ports.selectWorkspace(target.workspaceId);
  ports.selectBoard(target.workspaceId, target.boardId);
  ports.focusEntry(target.columnId, target.key);
}
