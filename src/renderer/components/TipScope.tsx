import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { Tooltip, TooltipTriggerStateContext, type TooltipTriggerState } from 'react-aria-components';
import { Kbd } from './Kbd';

const OPEN_DELAY_MS = 500;
const CLOSE_DELAY_MS = 100;

const tipOf = (target: EventTarget | null, scope: Element): HTMLElement | null => {
  const element = target instanceof Element ? target.closest<HTMLElement>('[data-tip]') : null;
  return element && scope.contains(element) ? element : null;
};

/**
 * One tooltip for every `[data-tip]` button inside (their label, and `data-tip-keys` as the
 * shortcut): shown on hover after a delay and at once on keyboard focus, like `Tip`, but with no
 * tooltip machinery mounted per button, so a column of thousands of cards stays light.
 * The buttons keep their own accessible names (aria-label); the tooltip only shows them.
 */
export function TipScope({ children, placement = 'bottom' }: { children: ReactNode; placement?: 'top' | 'bottom' }) {
  const [target, setTarget] = useState<HTMLElement | null>(null);
  const triggerRef = useRef<HTMLElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const later = (next: HTMLElement | null, delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      triggerRef.current = next;
      setTarget(next);
    }, delay);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const onPointerOver = (event: PointerEvent<HTMLDivElement>) => {
    const element = tipOf(event.target, event.currentTarget);
    if (element === target) return;
    // Moving from one button to the next shows the next one at once.
    later(element, element ? (target ? 0 : OPEN_DELAY_MS) : CLOSE_DELAY_MS);
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const element = tipOf(event.target, event.currentTarget);
    if (element?.matches(':focus-visible')) later(element, 0);
  };
  const hide = () => later(null, CLOSE_DELAY_MS);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && target) later(null, 0);
  };

  // What React Aria's tooltip asks of its trigger: it closes itself when the page scrolls.
  const state: TooltipTriggerState = { isOpen: target !== null, shouldSkipAnimation: true, open: () => undefined, close: () => later(null, 0) };
  const keys = target?.dataset.tipKeys;
  return (
    <div className="tip-scope" onPointerOver={onPointerOver} onPointerLeave={hide} onFocus={onFocus} onBlur={hide} onPointerDown={() => later(null, 0)} onKeyDown={onKeyDown}>
      {children}
      {target ? (
        <TooltipTriggerStateContext.Provider value={state}>
          <Tooltip className="tooltip" triggerRef={triggerRef} isOpen placement={placement} offset={6}>
            <span>{target.dataset.tip}</span>
            {keys ? <Kbd keys={keys} /> : null}
          </Tooltip>
        </TooltipTriggerStateContext.Provider>
      ) : null}
    </div>
  );
}
