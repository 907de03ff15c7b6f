/**
 * Where a saved reply goes: the composer's text area that had the cursor (the main text, a
 * thread part, or an adapted target's version or part), at the cursor, through the same store
 * edits as typing, so it is saved and counted per target like any text.
 */
import { insertAt } from '../../../shared/inbox/saved-replies';
import { setVariantPart } from '../../model/content';
import { leaveThreadMode, setThreadPart } from '../../model/threadParts';
import { useComposer } from '../../stores/composer';

/** The composer's text area and its selection when the picker opened. */
export interface InsertPoint {
  elementId: string;
  start: number;
  end: number;
  /** The adapted target whose version this is (its {account}), or null for the main version. */
  accountId: string | null;
}

const VARIANT = /^variant-(.+)-(?:text|part-(\d+))$/;
const PART = /^composer-part-(\d+)$/;

/** The insert point of a composer text area (null for anything else). */
export function insertPointOf(el: Element | null): InsertPoint | null {
  if (!(el instanceof HTMLTextAreaElement)) return null;
  const id = el.id;
  if (id !== 'composer-text' && !PART.test(id) && !VARIANT.test(id)) return null;
  return { elementId: id, start: el.selectionStart, end: el.selectionEnd, accountId: VARIANT.exec(id)?.[1] ?? null };
}

/** Inserts `snippet` at the point; answers where the caret goes (or null when the text area is gone). */
export function insertSnippet(point: InsertPoint, snippet: string): number | null {
  const el = document.getElementById(point.elementId);
  if (!(el instanceof HTMLTextAreaElement)) return null;
  const { value, caret } = insertAt(el.value, point.start, point.end, snippet);
  const store = useComposer.getState();
  const variant = VARIANT.exec(point.elementId);
  const part = PART.exec(point.elementId);
  if (variant) {
    const accountId = variant[1]!;
    const index = variant[2] === undefined ? 0 : Number(variant[2]);
    store.edit(({ content }) => ({ content: setVariantPart(content, accountId, index, value) }));
  } else if (part) {
    const index = Number(part[1]);
    store.edit(({ content }) => {
      const next = setThreadPart(content, index, value);
      return { content: next, text: leaveThreadMode(next).text };
    });
  } else {
    store.setText(value);
  }
  return caret;
}
