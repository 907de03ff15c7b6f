import { useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { TabListStateContext } from 'react-aria-components';

interface PanelIds {
  id?: string;
  labelledBy?: string;
}

/**
 * The selected board's columns, as the tab panel of its tab (role, id and name from the tab
 * itself: its aria-controls and its id). Not React Aria's TabPanel: that one watches everything
 * that changes inside it (a MutationObserver on the whole subtree, walking the tree for something
 * focusable, which makes the browser compute the page's styles at once), and a column being
 * scrolled changes its rows at every frame. Whether the panel needs its own tab stop is known
 * without looking: a board with columns holds their buttons; an empty one holds nothing.
 */
export function BoardPanel({ boardId, empty, className, children }: { boardId: string; empty: boolean; className?: string; children: ReactNode }) {
  const state = useContext(TabListStateContext);
  const ref = useRef<HTMLDivElement>(null);
  const [ids, setIds] = useState<PanelIds>({});
  const selected = state?.selectedKey === boardId;
  // The tab's ids are React Aria's: read from the selected tab once it is rendered (the tabs'
  // state changes when their collection does).
  useLayoutEffect(() => {
    if (!selected) return;
    const tab = ref.current?.ownerDocument.querySelector<HTMLElement>('.board-tab-list [role="tab"][aria-selected="true"]');
    const next = { id: tab?.getAttribute('aria-controls') ?? undefined, labelledBy: tab?.id || undefined };
    if (next.id !== ids.id || next.labelledBy !== ids.labelledBy) setIds(next);
  }, [selected, state, ids.id, ids.labelledBy]);
  if (!selected) return null;
  return (
    <div ref={ref} role="tabpanel" id={ids.id} aria-labelledby={ids.labelledBy} tabIndex={empty ? 0 : undefined} className={className}>
      {children}
    </div>
  );
}
