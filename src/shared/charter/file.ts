/**
 * The charter file exchanged between workspaces (to reuse a client's charter): pretty JSON in
 * the shared schema. A file that does not parse, or whose rules do not fit the schema, is
 * refused whole with the line to look at. Pure; runs anywhere.
 */
import { Charter } from './schema';

export type CharterFileResult = { ok: true; charter: Charter } | { ok: false; line: number; reason: string };

export const charterFileText = (charter: Charter): string => `${JSON.stringify(charter, null, 2)}\n`;

const lineAt = (text: string, offset: number): number => text.slice(0, Math.max(0, offset)).split('\n').length;

/** Where the `index`-th element of the top-level "rules" array starts (string-aware), or -1. */
function ruleOffset(text: string, index: number): number {
  const key = text.search(/"rules"\s*:\s*\[/);
  if (key < 0) return -1;
  let depth = 0;
  let count = 0;
  let inString = false;
  let started = false;
  for (let i = text.indexOf('[', key) + 1; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === ']') return -1;
      if (c === ',') {
        started = false;
        count++;
        continue;
      }
      if (!started && !/\s/.test(c)) {
        if (count === index) return i;
        started = true;
      }
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return -1;
}

/** The line where the `index`-th rule starts (1 when unknown). */
export const ruleLine = (text: string, index: number): number => {
  const at = ruleOffset(text, index);
  return at < 0 ? 1 : lineAt(text, at);
};

export function parseCharterFile(text: string): CharterFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    return { ok: false, line: line ? Number(line) : position ? lineAt(text, Number(position)) : lineAt(text, text.length), reason: 'not_json' };
  }
  const parsed = Charter.safeParse(data);
  if (parsed.success) return { ok: true, charter: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [first, index] = issue.path;
  if (first === 'rules' && typeof index === 'number') return { ok: false, line: ruleLine(text, index), reason: `rule_invalid:${issue.path.slice(2).join('.') || 'rule'}` };
  return { ok: false, line: 1, reason: 'not_a_charter' };
}
