/**
 * What the composer saves, as one comparable string (the autosaver keeps the last one the core
 * acknowledged), and what counts as an empty draft.
 */
import type { DraftContent } from '../../shared/publishing';
import { savableContent } from './pollContent';

/** What one save sends: the text, and the content once it is known (never a guess over the stored one). */
export const snapshotOf = (text: string, content: DraftContent | null): string =>
  JSON.stringify(content ? { text, content: savableContent(content) } : { text });

export const readSnapshot = (snapshot: string): { text: string; content?: DraftContent } => JSON.parse(snapshot) as { text: string; content?: DraftContent };

/** Nothing worth keeping: no text anywhere and no image. */
export function isBlankDraft(text: string, content: DraftContent): boolean {
  const blank = (s: string) => s.trim() === '';
  return (
    blank(text) &&
    content.media.length === 0 &&
    (content.threadParts ?? []).every(blank) &&
    content.targets.every((t) => !t.variant || t.variant.parts.every((p) => blank(p.text) && p.media.length === 0))
  );
}
