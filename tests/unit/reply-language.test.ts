import { describe, expect, it } from 'vitest';
import { DraftContent, EMPTY_DRAFT_CONTENT, replyLanguage } from '../../src/shared/publishing';

describe('the language a reply starts with', () => {
  it('is the answered post’s language tag, the primary subtag in lower case', () => {
    expect(replyLanguage('fr')).toBe('fr');
    expect(replyLanguage('FR')).toBe('fr');
    expect(replyLanguage('pt-BR')).toBe('pt-BR');
    expect(replyLanguage('EN-gb')).toBe('en-gb');
  });

  it('is unset when the network gave none, or something a post cannot carry', () => {
    for (const hostile of [null, undefined, '', 'français', 'fr_FR', '<script>', 'f', 'fr-', `fr${'-abcdefgh'.repeat(10)}`]) expect(replyLanguage(hostile)).toBeNull();
  });

  it('always gives a value the draft schema accepts', () => {
    for (const tag of ['fr', 'FR', 'pt-BR', 'zh-Hant-TW', 'x', 'FR-', '1fr']) {
      const language = replyLanguage(tag);
      expect(DraftContent.safeParse({ ...EMPTY_DRAFT_CONTENT, language }).success).toBe(true);
    }
  });
});
