/** An import preview shows its values in words and dates in the workspace's zone, in French and English. */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { importSummary, importValueText } from '../../src/renderer/features/calendar/files/importValues';
import fr from '../../src/renderer/i18n/fr.json';
import en from '../../src/renderer/i18n/en.json';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'fr', resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });

describe('import preview values', () => {
  const fr = i18n.getFixedT('fr');
  const en = i18n.getFixedT('en');

  it('shows a planned date in the workspace zone, not as an ISO instant in UTC', () => {
    const text = importValueText('plannedAt', '2026-12-10T15:00:00.000Z', 'Europe/Paris', 'fr', fr);
    expect(text).toContain('16:00');
    expect(text).toMatch(/10 déc/);
    expect(text).not.toContain('T15:00');
    expect(importValueText('plannedAt', '2026-12-10T15:00:00.000Z', 'America/New_York', 'en', en)).toContain('10:00');
  });

  it('names the review state, the kind and a deletion in the UI language', () => {
    expect(importValueText('reviewState', 'in_review', 'Europe/Paris', 'fr', fr)).toBe('À valider');
    expect(importValueText('reviewState', 'in_review', 'Europe/Paris', 'en', en)).toBe('In review');
    expect(importValueText('kind', 'idea', 'Europe/Paris', 'fr', fr)).toBe('Idée');
    expect(importValueText('kind', 'post', 'Europe/Paris', 'fr', fr)).toBe('Publication');
    expect(importValueText('deleted', 'yes', 'Europe/Paris', 'fr', fr)).toBe('Oui');
    expect(importValueText('deleted', 'no', 'Europe/Paris', 'en', en)).toBe('No');
  });

  it('sums up the content (accounts, images) instead of showing its JSON', () => {
    const json = JSON.stringify({ targets: [{ accountId: 'a', variant: null }, { accountId: 'b', variant: null }], media: [{ id: 'm' }] });
    expect(importValueText('content', json, 'Europe/Paris', 'fr', fr)).toBe('2 compte(s), 1 image(s)');
    expect(importValueText('content', json, 'Europe/Paris', 'en', en)).toBe('2 account(s), 1 image(s)');
  });

  it('keeps text as it is and shows an absent value as a dash', () => {
    expect(importValueText('text', 'Bonjour', 'Europe/Paris', 'fr', fr)).toBe('Bonjour');
    expect(importValueText('campaign', null, 'Europe/Paris', 'fr', fr)).toBe('—');
  });
});

describe('import summary', () => {
  it('makes each count agree with its number in French ("1 mise à jour", "0 supprimée", "3 créées")', () => {
    const fr = i18n.getFixedT('fr');
    expect(importSummary({ created: 3, updated: 1, deleted: 0 }, fr)).toBe('Import terminé : 3 créées, 1 mise à jour, 0 supprimée');
    expect(importSummary({ created: 1, updated: 2, deleted: 2 }, fr)).toBe('Import terminé : 1 créée, 2 mises à jour, 2 supprimées');
    expect(importSummary({ created: 1, updated: 2, deleted: 0 }, i18n.getFixedT('en'))).toBe('Import done: 1 created, 2 updated, 0 deleted');
  });
});
