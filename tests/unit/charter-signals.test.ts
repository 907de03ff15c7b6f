/** A flag that is not words from the text (a spam wave, many mentions...) is shown in words, in French and English. */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CharterEngine } from '../../src/main/core/charter/engine';
import { Charter, type CharterItem } from '../../src/shared/charter/schema';
import { signalOf } from '../../src/shared/charter/signals';
import { matchedText } from '../../src/renderer/components/FlagBadges';
import fr from '../../src/renderer/i18n/fr.json';
import en from '../../src/renderer/i18n/en.json';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const item = (id: string, text: string, extra: Partial<CharterItem> = {}): CharterItem => ({ id, text, authorId: id, at: NOW, ...extra });

describe('charter signals', () => {
  const engine = new CharterEngine(
    Charter.parse({
      format: 'tribune-charter',
      version: 1,
      rules: [
        { id: 'wave', name: 'Vague', severity: 'warning', action: 'flag', match: { kind: 'spam_wave', minAuthors: 3, windowMinutes: 60 } },
        { id: 'caps', name: 'Cris', severity: 'info', action: 'flag', match: { kind: 'all_caps', minLetters: 10, ratio: 0.9 } },
        { id: 'mass', name: 'Masse', severity: 'info', action: 'flag', match: { kind: 'mass_mentions', min: 3 } },
        { id: 'words', name: 'Mots', severity: 'info', action: 'flag', match: { kind: 'words', terms: ['arnaque'] } },
      ],
    }),
  );
  const text = 'Gagnez un iPhone gratuit ici tout de suite';
  const flags = engine.evaluate(
    [item('a', text), item('b', text), item('c', text), item('d', 'VOUS ÊTES DES INCAPABLES'), item('e', '@x @y @z regardez'), item('f', 'quelle arnaque')],
    NOW,
  ).flags;

  it('reads every signal the engine writes, and leaves matched words alone', () => {
    const byRule = (ruleId: string) => flags.find((f) => f.ruleId === ruleId)!.matched;
    expect(signalOf(byRule('wave'))).toEqual({ code: 'spam_wave', count: 3 });
    expect(signalOf(byRule('caps'))).toEqual({ code: 'all_caps', count: null });
    expect(signalOf(byRule('mass'))).toEqual({ code: 'mentions', count: 3 });
    expect(signalOf(byRule('words'))).toBeNull();
    expect(signalOf('spam_wave:3 et plus')).toBeNull();
  });

  it('translates them in French and English, never showing the code', async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'fr', resources: { fr: { translation: fr }, en: { translation: en } } });
    const inFrench = flags.map((f) => matchedText(instance.getFixedT('fr'), f.matched));
    const inEnglish = flags.map((f) => matchedText(instance.getFixedT('en'), f.matched));
    expect(inFrench).toEqual(expect.arrayContaining(['3 auteurs, même message', 'tout en majuscules', '3 mentions', 'arnaque']));
    expect(inEnglish).toEqual(expect.arrayContaining(['3 authors, same message', 'all capitals', '3 mentions', 'arnaque']));
    expect(matchedText(instance.getFixedT('fr'), 'new_account:2')).toBe('compte créé il y a 2 jours');
    expect(matchedText(instance.getFixedT('en'), 'new_account:1')).toBe('account created 1 day ago');
    for (const code of ['new_account', 'empty_account']) {
      expect(matchedText(instance.getFixedT('fr'), code)).not.toBe(code);
      expect(matchedText(instance.getFixedT('en'), code)).not.toBe(code);
    }
    for (const text of [...inFrench, ...inEnglish]) expect(text).not.toMatch(/spam_wave|all_caps|mentions:|inbox\./);
  });
});
