import { useEffect, useRef } from 'react';

const ENTRY_KEYS = new Set(['j', 'k', 'ArrowDown', 'ArrowUp']);

/**
 * j/k or the arrows pressed while nothing has the keyboard (the page just opened, the element that
 * had it removed: an item done, a composer put away, a place left and come back to) go to the
 * place's list: `target` answers the element to focus, or null to leave the key alone. `within`
 * (the place's own element) also counts as "nothing", as after the skip link. Dialogs keep their keys.
 */
export function useKeysFromNowhere(target: () => HTMLElement | null | undefined, within?: () => HTMLElement | null): void {
  const latest = useRef({ target, within });
  useEffect(() => {
    latest.current = { target, within };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || !ENTRY_KEYS.has(event.key)) return;
      const active = document.activeElement;
      if (active && active !== document.body && active !== latest.current.within?.()) return;
      if (document.querySelector('[role="dialog"],[role="alertdialog"]')) return;
      const element = latest.current.target();
      if (!element) return;
      event.preventDefault();
      element.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
