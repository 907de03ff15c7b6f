/**
 * Regular expressions from a charter are the person's own, but one pattern with nested
 * quantifiers ("(a+)+$") can take minutes on a hostile item. Two guards: a pattern with a
 * catastrophic shape is refused when the rule is saved (with a code the editor translates), and
 * every evaluation runs in a V8 context with a time bound, over a whole batch at once so the
 * bound costs nothing per item. A rule that runs out of time is reported, never hangs the core.
 */
import vm from 'node:vm';

export type RegexProblem = { code: 'regex_invalid'; detail: string } | { code: 'regex_nested_quantifier'; at: number } | { code: 'regex_backreference'; at: number };

/** Why a pattern cannot be a charter rule, or null when it can. */
export function checkPattern(pattern: string): RegexProblem | null {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return { code: 'regex_invalid', detail: error instanceof Error ? error.message : String(error) };
  }
  // Walk the pattern: a group that holds a quantifier and is itself repeated is the classic
  // exponential shape; a backreference makes matching non-regular. Escapes and classes are skipped.
  const groups: { start: number; quantified: boolean }[] = [];
  let inClass = false;
  let lastGroupQuantifiedInside: { start: number; quantified: boolean } | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return { code: 'regex_backreference', at: i };
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return { code: 'regex_backreference', at: i };
      i++;
      lastGroupQuantifiedInside = null;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupQuantifiedInside = null;
      continue;
    }
    if (c === '(') {
      groups.push({ start: i, quantified: false });
      lastGroupQuantifiedInside = null;
      continue;
    }
    if (c === ')') {
      const group = groups.pop();
      lastGroupQuantifiedInside = group ?? null;
      if (group?.quantified && groups.length > 0) groups[groups.length - 1]!.quantified = true;
      continue;
    }
    const isQuantifier = c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (isQuantifier) {
      const unbounded = c !== '{' || /^\{\d+,\}/.test(pattern.slice(i)) || /^\{\d+,\d{2,}\}/.test(pattern.slice(i));
      if (lastGroupQuantifiedInside?.quantified && unbounded) return { code: 'regex_nested_quantifier', at: i };
      if (groups.length > 0) groups[groups.length - 1]!.quantified = true;
      if (c === '{') i = pattern.indexOf('}', i);
      lastGroupQuantifiedInside = null;
      continue;
    }
    if (c !== '?') lastGroupQuantifiedInside = null;
  }
  return null;
}

const RUN = new vm.Script(`(() => {
  const re = compiled[key] || (compiled[key] = new RegExp(pattern, flags));
  const hits = [];
  for (let i = 0; i < texts.length; i++) {
    re.lastIndex = 0;
    const m = re.exec(texts[i]);
    if (m) hits.push(i, m[0]);
  }
  return hits;
})()`);

export type RegexBatchResult = { ok: true; hits: Map<number, string> } | { ok: false; code: 'regex_timeout' };

/** Runs one pattern over many texts within timeoutMs in all; the first match of each text. */
export function runPattern(pattern: string, caseInsensitive: boolean, texts: readonly string[], timeoutMs = 250): RegexBatchResult {
  // One context for every run (creating one costs milliseconds); patterns are compiled once in it.
  const context = (sharedContext ??= vm.createContext({ compiled: Object.create(null) as Record<string, RegExp> }));
  const flags = caseInsensitive ? 'iu' : 'u';
  Object.assign(context, { pattern, flags, key: `${flags}/${pattern}`, texts });
  try {
    const flat = RUN.runInContext(context, { timeout: timeoutMs }) as (number | string)[];
    const hits = new Map<number, string>();
    for (let i = 0; i < flat.length; i += 2) hits.set(flat[i] as number, String(flat[i + 1]).slice(0, 200));
    return { ok: true, hits };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, code: 'regex_timeout' };
    throw error;
  } finally {
    context.texts = null;
  }
}

let sharedContext: vm.Context | null = null;
