import { useEffect, useRef, type RefObject } from 'react';
import { useUi } from '../../stores/ui';

/**
 * The composer gives the keyboard back when it closes: `focusDraft` for the post it kept,
 * `focusBoard` when it kept nothing. On the calendar that is the post's button once it is shown
 * (else the cursor's cell), or the cursor's cell: the calendar's keys work again at once instead
 * of the focus falling on the page.
 */
export function useFocusBack(screen: RefObject<HTMLElement | null>, loaded: boolean, focusCursor: () => void): void {
  const draftId = useUi((s) => s.focusDraftId);
  const boardRequest = useUi((s) => s.focusBoardRequest);
  const handled = useRef(boardRequest);
  useEffect(() => {
    if (boardRequest === handled.current) return;
    handled.current = boardRequest;
    focusCursor();
  }, [boardRequest, focusCursor]);
  useEffect(() => {
    if (!draftId || !loaded) return;
    const button = screen.current?.querySelector<HTMLElement>(`.cal-item[data-draft-id="${CSS.escape(draftId)}"] .cal-item-open`);
    useUi.getState().focusDraft(null);
    if (button) button.focus();
    else focusCursor();
  });
}
