/**
 * Saved replies' one rule book: which variables a reply uses ({name}, {handle}, {account} are
 * filled from the reply's context and the answering account; others such as {date} are custom
 * and asked for), the text with them filled, and which replies a search in a language finds.
 * Pure; the inbox's "answer with" and the composer's picker both use it.
 */
import { fold } from '../charter/normalize';
import type { SavedReply } from './schemas';

const VARIABLE = /\{([a-zA-Z_][\w-]{0,30})\}/g;

/** The variables Tribune fills by itself; the others are custom. */
export const CONTEXT_VARIABLES = ['name', 'handle', 'account'] as const;
export type ContextVariable = (typeof CONTEXT_VARIABLES)[number];

/** Variables a saved reply uses, in order of first use. */
export function replyVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** The variables a reply uses that are not in `values` (or are blank there): the person is asked for them. */
export function missingVariables(text: string, values: Readonly<Record<string, string>>): string[] {
  return replyVariables(text).filter((name) => !values[name]?.trim());
}

/** What the reply's context gives: the author answered to and the account that answers (handles with their @). */
export function contextValues(context: { authorName?: string | null; authorHandle?: string | null; accountHandle?: string | null }): Partial<Record<ContextVariable, string>> {
  const at = (handle: string) => (handle.startsWith('@') ? handle : `@${handle}`);
  const values: Partial<Record<ContextVariable, string>> = {};
  const name = context.authorName?.trim() || context.authorHandle?.trim();
  if (name) values.name = name;
  if (context.authorHandle?.trim()) values.handle = at(context.authorHandle.trim());
  if (context.accountHandle?.trim()) values.account = at(context.accountHandle.trim());
  return values;
}

/** The reply with its variables replaced; blank or unknown ones stay as typed ({date}) so the person sees them. */
export function fillReply(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (whole, name: string) => (values[name]?.trim() ? values[name]! : whole));
}

/** The text inserted at [start, end) of `value`, and where the caret goes after it. */
export function insertAt(value: string, start: number, end: number, snippet: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + snippet + value.slice(to), caret: from + snippet.length };
}

/** The replies of one language whose name or text holds every word of the query (case and accents aside), in their order. */
export function searchReplies(replies: readonly SavedReply[], language: SavedReply['language'], query: string): SavedReply[] {
  const words = fold(query).split(' ').filter(Boolean);
  return replies
    .filter((r) => r.language === language)
    .filter((r) => {
      const hay = fold(`${r.name} ${r.text}`);
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => a.position - b.position);
}
