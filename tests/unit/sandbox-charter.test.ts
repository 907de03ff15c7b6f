/**
 * The demo's starter charter flags what the sandbox's troll and spammer send, and nothing the
 * regular community says; it is a charter the core accepts; the saved replies exist in French
 * and English.
 */
import { describe, expect, it } from 'vitest';
import { CharterEngine } from '../../src/main/core/charter/engine';
import { charterProblem } from '../../src/main/core/charter/store';
import { Charter } from '../../src/shared/charter/schema';
import { communityPersonas, inTheirWords, TEXTS } from '../../sandbox/community';
import { createRng } from '../../sandbox/random';
import { STARTER_CHARTER, STARTER_REPLIES } from '../../sandbox/moderation';

const charter = Charter.parse(STARTER_CHARTER);
const texts = (kind: keyof typeof TEXTS) => [...TEXTS[kind].fr, ...TEXTS[kind].en].map((t) => t.replaceAll('{brand}', '@office.port-lumiere.test'));
const flagged = (list: string[]) => {
  const items = list.map((text, i) => ({ id: String(i), text, authorId: `did:plc:${i}`, at: i * 3_600_000 * 3, links: [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]) }));
  const run = new CharterEngine(charter).evaluate(items, Date.parse('2026-12-01T00:00:00Z'));
  return new Map(list.map((text, i) => [text, run.flags.filter((f) => f.itemId === String(i)).map((f) => f.ruleName)]));
};

describe('the sandbox starter charter', () => {
  it('is a charter the core saves', () => {
    expect(charterProblem(charter)).toBeNull();
  });

  it('flags every rude and spammy message of the demo community, naming the rule', () => {
    for (const [text, rules] of flagged([...texts('rude'), ...texts('spam')])) expect({ text, flagged: rules.length > 0 }).toEqual({ text, flagged: true });
    expect([...flagged(texts('spam')).values()].every((rules) => rules.includes('Liens de spam'))).toBe(true);
  });

  it('leaves the regular community alone', () => {
    for (const [text, rules] of flagged([...texts('post'), ...texts('mention'), ...texts('reply')])) expect({ text, rules }).toEqual({ text, rules: [] });
  });

  it('does not flag the community as a wave when many people draw the same text within the hour (each says it in their own words)', () => {
    const regulars = communityPersonas(50, createRng(7)).filter((p) => p.kind === 'regular');
    const at = Date.parse('2026-12-01T10:00:00Z');
    for (const template of texts('mention').slice(0, 3)) {
      const items = regulars.map((p, i) => ({ id: p.handle, text: inTheirWords(template, p), authorId: p.handle, at: at + i * 60_000, links: [] }));
      const run = new CharterEngine(charter).evaluate(items, at);
      expect(run.flags.map((f) => `${f.itemId}: ${f.ruleName}`)).toEqual([]);
      // The same words from three accounts is what the rule is for: it still fires.
      const wave = regulars.slice(0, 3).map((p, i) => ({ id: p.handle, text: template, authorId: p.handle, at: at + i * 60_000, links: [] }));
      expect(new CharterEngine(charter).evaluate(wave, at).flags.map((f) => f.ruleName)).toEqual(Array(3).fill('Vague de messages identiques'));
    }
  });

  it('comes with saved replies in French and English that use the variables', () => {
    expect(new Set(STARTER_REPLIES.map((r) => r.language))).toEqual(new Set(['fr', 'en']));
    expect(STARTER_REPLIES.every((r) => r.text.includes('{name}'))).toBe(true);
  });
});
