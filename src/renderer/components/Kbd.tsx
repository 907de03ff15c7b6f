import { isMac } from '../lib/keys';

/** Shows a shortcut the way this platform writes it ("Ctrl+Z" or "⌘Z"). */
export function formatShortcut(shortcut: string): string {
  return isMac() ? shortcut.replace(/Mod\+/g, '⌘').replace(/Shift\+/g, '⇧') : shortcut.replace(/Mod\+/g, 'Ctrl+');
}

export function Kbd({ keys }: { keys: string }) {
  return <kbd className="kbd">{formatShortcut(keys)}</kbd>;
}
