/** True when a key press should go to the element (typing) rather than to a shortcut. */
export function isTextEntryTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Ctrl on Linux and Windows, Cmd on macOS. */
export const hasPrimaryModifier = (event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey'>): boolean => (isMac() ? event.metaKey : event.ctrlKey);

/** True inside a menu, list box or dialog: their own keys (type-ahead…) come first. */
export function isInsideOverlay(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return typeof el?.closest === 'function' && el.closest('[role="menu"],[role="listbox"],[role="dialog"],[role="alertdialog"]') !== null;
}
