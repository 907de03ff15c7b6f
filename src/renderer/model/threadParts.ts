/**
 * Thread mode of the main version: the text cut into parts for the strictest target, each part
 * numbered " i/N" (a numbering the person typed is told apart), parts added and merged without
 * losing what was typed, and the thread joined back into one text.
 */
import type { DraftContent } from '../../shared/publishing';
import { splitThread, type TextLimits } from '../../shared/text';

const SUFFIX = /(?:^|[ \u00A0])(\d{1,4})\/(\d{1,4})$/u;

/**
 * The " 2/5" that thread mode appended, taken off every part. Only a suffix whose total is the
 * thread's (read on the first or last part) counts, so a text ending in "du 12/2024" keeps it.
 */
export function stripThreadNumbering(parts: readonly string[]): string[] {
  const first = SUFFIX.exec(parts[0] ?? '');
  const last = SUFFIX.exec(parts[parts.length - 1] ?? '');
  const total = last && last[1] === last[2] ? last[2] : first && first[1] === '1' ? first[2] : null;
  if (!total) return [...parts];
  return parts.map((part) => {
    const m = SUFFIX.exec(part);
    return m && m[2] === total && Number(m[1]) >= 1 && Number(m[1]) <= Number(total) ? part.slice(0, m.index) : part;
  });
}

/** Puts " i/N" at the end of every part (replacing an older numbering); a single part stays bare. */
export function renumber(parts: readonly string[]): string[] {
  const bare = stripThreadNumbering(parts);
  if (bare.length <= 1) return bare;
  return bare.map((text, i) => {
    const body = text.replace(/\s+$/u, '');
    return body ? `${body} ${i + 1}/${bare.length}` : `${i + 1}/${bare.length}`;
  });
}

/** The thread as one text again (what the drafts list shows and what leaving thread mode gives back). */
export function joinThreadParts(parts: readonly string[]): string {
  return stripThreadNumbering(parts)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** An empty part after `after`, numbered again. */
export function insertPart(parts: readonly string[], after: number): string[] {
  const next = stripThreadNumbering(parts);
  next.splice(Math.min(Math.max(after + 1, 0), next.length), 0, '');
  return renumber(next);
}

/** Joins part `index` to the one before it (nothing typed is lost); the first part cannot be merged. */
export function mergePart(parts: readonly string[], index: number): string[] {
  if (parts.length <= 1 || index < 1 || index >= parts.length) return [...parts];
  const bare = stripThreadNumbering(parts);
  const merged = [bare[index - 1]!.trim(), bare[index]!.trim()].filter((p) => p.length > 0).join('\n\n');
  return renumber([...bare.slice(0, index - 1), merged, ...bare.slice(index + 1)]);
}

/** Turns thread mode on: the text is cut for the strictest target; returns the parts to keep. */
export function enterThreadMode(content: DraftContent, text: string, limits: TextLimits): DraftContent {
  const parts = splitThread(text, limits);
  return { ...content, threadParts: parts.length > 0 ? parts : [text] };
}

/** Turns thread mode off: the parts become one text again. */
export function leaveThreadMode(content: DraftContent): { content: DraftContent; text: string } {
  return { content: { ...content, threadParts: null }, text: joinThreadParts(content.threadParts ?? []) };
}

/** Cuts the thread again from its whole text (after the targets changed, say). */
export function resplitThread(content: DraftContent, limits: TextLimits): DraftContent {
  const text = joinThreadParts(content.threadParts ?? []);
  const parts = splitThread(text, limits);
  return { ...content, threadParts: parts.length > 0 ? parts : [''] };
}

export function setThreadPart(content: DraftContent, index: number, text: string): DraftContent {
  if (!content.threadParts) return content;
  return { ...content, threadParts: content.threadParts.map((p, i) => (i === index ? text : p)) };
}

export function addThreadPart(content: DraftContent, after: number): DraftContent {
  return { ...content, threadParts: insertPart(content.threadParts ?? [], after) };
}

/** Merges a part into the one before it. */
export function mergeThreadPart(content: DraftContent, index: number): DraftContent {
  if (!content.threadParts) return content;
  return { ...content, threadParts: mergePart(content.threadParts, index) };
}
