import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReply } from '../../../shared/inbox/schemas';
import { contextValues } from '../../../shared/inbox/saved-replies';
import { hasPrimaryModifier } from '../../lib/keys';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import { useUi } from '../../stores/ui';
import { insertPointOf, insertSnippet, type InsertPoint } from './savedReplyInsert';
import { SavedReplyPicker } from './SavedReplyPicker';

/** The composer's shortcut for the saved replies' picker (listed in "?"). */
export const SAVED_REPLY_SHORTCUT = 'Mod+Shift+S';

const isShortcut = (event: KeyboardEvent) => hasPrimaryModifier(event) && event.shiftKey && !event.altKey && (event.code === 'KeyS' || event.key.toLowerCase() === 's');

/**
 * Saved replies in the composer: the shortcut (from any of its text areas) or the button opens
 * the picker; the chosen reply goes where the cursor was, variables filled, and the cursor
 * comes back after it.
 */
export function useSavedReplies(): {
  open(): void;
  onKeyDownCapture(event: KeyboardEvent): void;
  /** A text area left: where its cursor was, for the button. */
  onBlurCapture(event: FocusEvent): void;
  picker: ReactNode;
} {
  const { i18n } = useTranslation();
  const workspaceId = useComposer((s) => s.workspaceId);
  const item = useComposer((s) => s.context?.item ?? null);
  const firstTarget = useComposer((s) => s.content.targets[0]?.accountId ?? null);
  const accounts = useAccounts((s) => (workspaceId ? s.byWorkspace[workspaceId] : undefined));
  const last = useRef<InsertPoint | null>(null);
  const [point, setPoint] = useState<InsertPoint | null>(null);
  const [caret, setCaret] = useState<{ elementId: string; at: number } | null>(null);

  // After the insertion (and the picker's focus handing back), the cursor goes after the reply.
  useEffect(() => {
    if (!caret) return;
    const el = document.getElementById(caret.elementId);
    if (el instanceof HTMLTextAreaElement) {
      el.focus();
      el.setSelectionRange(caret.at, caret.at);
    }
  }, [caret]);

  const openAt = (at: InsertPoint | null) => {
    const fallback = document.getElementById('composer-text') ?? document.getElementById('composer-part-0');
    const target = at ?? insertPointOf(fallback);
    if (target) setPoint(target);
  };

  // Asked from outside (the inbox's suggestion key on a rule that answers with a saved reply): once, when the composer shows.
  const asked = useUi((s) => s.savedReplyAsked);
  const shown = workspaceId !== null;
  useEffect(() => {
    if (!asked || !shown) return;
    useUi.getState().askSavedReply(false);
    // After the composer's text areas are laid out (the picker inserts at the main text's cursor).
    // (Not cancelled on cleanup: clearing the request re-runs this effect before the frame.)
    requestAnimationFrame(() => openAt(null));
  }, [asked, shown]);

  const accountId = point?.accountId ?? firstTarget;
  const handle = accounts?.find((a) => a.id === accountId)?.handle ?? null;
  const language: SavedReply['language'] = item?.language?.startsWith('en') ? 'en' : item?.language?.startsWith('fr') ? 'fr' : i18n.language.startsWith('en') ? 'en' : 'fr';

  const picker =
    point && workspaceId ? (
      <SavedReplyPicker
        workspaceId={workspaceId}
        language={language}
        values={contextValues({ authorName: item?.author.displayName, authorHandle: item?.author.handle, accountHandle: handle })}
        onClose={() => setPoint(null)}
        onInsert={(text) => {
          const at = insertSnippet(point, text);
          setPoint(null);
          if (at !== null) setCaret({ elementId: point.elementId, at });
        }}
      />
    ) : null;

  return {
    open: () => openAt(last.current),
    onKeyDownCapture: (event) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      openAt(insertPointOf(event.target as Element) ?? last.current);
    },
    onBlurCapture: (event) => {
      const at = insertPointOf(event.target);
      if (at) last.current = at;
    },
    picker,
  };
}
