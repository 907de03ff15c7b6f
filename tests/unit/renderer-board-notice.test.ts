/**
 * Desktop notifications as the hosts show them: the words (French and English, one grouped
 * notification past three) and where a click leads (workspace, board, then the entry in its
 * column, which acts as the column's account).
 */
import { describe, expect, it } from 'vitest';
import { openNoticeTarget, type NoticePorts } from '../../src/renderer/model/board/notify';
import { noticeContent, type ColumnNotice } from '../../src/shared/board/notice';

const WS = '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const OTHER_WS = '1b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const BOARD = '2b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const COLUMN = '3b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const ACCOUNT = '4b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';

const notice = (over: Partial<ColumnNotice> = {}): ColumnNotice => ({
  workspaceId: WS,
  boardId: BOARD,
  columnId: COLUMN,
  columnType: 'mentions',
  accountId: ACCOUNT,
  accountHandle: 'mairie.test',
  network: 'bluesky',
  count: 2,
  grouped: false,
  items: [
    { key: 'at://b', author: 'Alice', reason: null, text: 'Bravo pour le marché' },
    { key: 'at://a', author: 'Bob', reason: 'follow', text: '' },
  ],
  focusKey: 'at://b',
  ...over,
});

/** Ports that record what a click did, in order. */
function recorder(selected: string | null) {
  const calls: string[] = [];
  const ports: NoticePorts = {
    selectedWorkspaceId: () => selected,
    selectWorkspace: (id) => calls.push(`workspace:${id}`),
    selectBoard: (ws, board) => calls.push(`board:${ws}:${board}`),
    focusEntry: (column, key) => calls.push(`focus:${column}:${key}`),
  };
  return { calls, ports };
}

describe('desktop notifications in the hosts', () => {
  it('says which column and account, one notification per item, in both languages', () => {
    const fr = noticeContent(notice(), 'fr-FR');
    expect(fr.map((c) => [c.title, c.body])).toEqual([
      ['Mentions · @mairie.test', 'Alice : Bravo pour le marché'],
      ['Mentions · @mairie.test', 'Bob vous suit'],
    ]);
    const en = noticeContent(notice({ columnType: 'direct' }), 'en');
    expect(en.map((c) => [c.title, c.body])).toEqual([
      ['Direct messages · @mairie.test', 'Alice: Bravo pour le marché'],
      ['Direct messages · @mairie.test', 'Bob followed you'],
    ]);
    expect(en.map((c) => c.target.key)).toEqual(['at://b', 'at://a']);
    expect(new Set(en.map((c) => c.tag)).size).toBe(2);
  });

  it('groups into one notification that leads to the newest', () => {
    const [only, ...rest] = noticeContent(notice({ count: 12, grouped: true, items: [] }), 'fr');
    expect(rest).toEqual([]);
    expect(only!.body).toBe('12 nouveaux éléments');
    expect(only!.target).toEqual({ workspaceId: WS, boardId: BOARD, columnId: COLUMN, key: 'at://b' });
    expect(noticeContent(notice({ count: 12, grouped: true, items: [] }), 'en')[0]!.body).toBe('12 new items');
  });

  it('a click in another workspace selects it, then the board, then focuses the entry', () => {
    const { calls, ports } = recorder(OTHER_WS);
    openNoticeTarget(noticeContent(notice(), 'en')[1]!.target, ports);
    expect(calls).toEqual([`workspace:${WS}`, `board:${WS}:${BOARD}`, `focus:${COLUMN}:at://a`]);
  });

  it('a click in the shown workspace keeps it and focuses the entry on its board', () => {
    const { calls, ports } = recorder(WS);
    openNoticeTarget(noticeContent(notice(), 'en')[0]!.target, ports);
    expect(calls).toEqual([`board:${WS}:${BOARD}`, `focus:${COLUMN}:at://b`]);
  });
});
