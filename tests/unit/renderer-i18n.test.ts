import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/result';
import { describeError, type Translator } from '../../src/renderer/i18n/errors';
import { firstSupportedLanguage, languageFromLocale, resolveLanguage, systemLanguageOf } from '../../src/renderer/i18n';
import en from '../../src/renderer/i18n/en.json';
import fr from '../../src/renderer/i18n/fr.json';
import { CONFIRMED, MODERATION_ACTIONS, ReportReason } from '../../src/shared/inbox/moderation';
import { SHORTCUTS, SHORTCUT_GROUPS } from '../../src/renderer/features/shortcuts/ShortcutsSheet';
import { MissedPolicy } from '../../src/shared/schedule/missed';

type Tree = { [key: string]: string | string[] | Tree };

const flatten = (tree: Tree, prefix = ''): Map<string, string | string[]> => {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || Array.isArray(value)) out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
};

const FR = flatten(fr as Tree);
const EN = flatten(en as Tree);
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Whether a key (maybe pluralised: key_one/key_other) exists in a dictionary. */
const has = (dict: Map<string, unknown>, key: string) => dict.has(key) || (dict.has(`${key}_one`) && dict.has(`${key}_other`));

const RENDERER = path.resolve(__dirname, '../../src/renderer');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

describe('French and English dictionaries', () => {
  it('have exactly the same keys', () => {
    const onlyFr = [...FR.keys()].filter((k) => !EN.has(k));
    const onlyEn = [...EN.keys()].filter((k) => !FR.has(k));
    expect({ onlyFr, onlyEn }).toEqual({ onlyFr: [], onlyEn: [] });
  });

  it('use the same {{variables}} in both languages', () => {
    const mismatched = [...FR.entries()]
      .filter(([key, value]) => typeof value === 'string' && JSON.stringify(variables(value)) !== JSON.stringify(variables(EN.get(key) as string)))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...FR.entries(), ...EN.entries()].filter(([, v]) => (Array.isArray(v) ? v.some((s) => !s.trim()) : !v.trim()));
    expect(empty).toEqual([]);
  });

  it('name the eight workspace colours', () => {
    expect((fr as Tree).colors).toHaveLength(8);
    expect((en as Tree).colors).toHaveLength(8);
  });

  it("use the UI guide's vocabulary", () => {
    expect(FR.get('workspaces.title')).toBe('Espaces de travail');
    expect(FR.get('drafts.title')).toBe('Brouillons');
    expect(EN.get('drafts.title')).toBe('Drafts');
    expect(FR.get('board.title')).toBe('Tableau');
    expect(FR.get('places.calendar')).toBe('Calendrier éditorial');
    expect(FR.get('accounts.health.reconnect_needed')).toBe('Reconnexion nécessaire');
    expect(FR.get('accounts.emptyTitle')).toBe("Aucun compte connecté pour l'instant");
    expect(FR.get('connection.online')).toBe('Connecté');
    expect(FR.get('connection.offline')).toBe('Hors ligne — reconnexion…');
    expect(FR.get('drafts.deleted')).toBe('Brouillon supprimé');
    expect(FR.get('composer.saved')).toBe('Enregistré');
    expect(FR.get('posts.scheduledTitle')).toBe('Programmés');
    expect(EN.get('posts.scheduledTitle')).toBe('Scheduled');
    expect(FR.get('posts.sentTitle')).toBe('Publiés / Échecs');
    expect(EN.get('posts.sentTitle')).toBe('Sent / Failed');
    expect(FR.get('publish.publishNow')).toBe('Publier maintenant');
    expect(FR.get('publish.schedule')).toBe('Programmer…');
    expect(FR.get('publish.addToQueue')).toBe('Ajouter à la file');
    expect(EN.get('publish.addToQueue')).toBe('Add to queue');
    expect(FR.get('accounts.slots')).toBe('Créneaux de publication…');
    expect(FR.get('composer.contentWarning')).toBe('Avertissement de contenu');
    expect(FR.get('media.alt')).toBe('Texte alternatif (image {{n}})');
    expect(FR.get('publishing.requireAltText')).toBe('Exiger un texte alternatif');
    expect(FR.get('accounts.add')).toBe('Ajouter un compte');
    expect(FR.get('accounts.bluesky.identifier')).toBe('Identifiant (handle ou e-mail)');
    expect(FR.get('accounts.bluesky.appPassword')).toBe("Mot de passe d'application");
    expect(FR.get('accounts.bluesky.server')).toBe('Serveur (PDS) auto-hébergé');
    expect(FR.get('accounts.mastodon.openAuthorize')).toBe("Ouvrir la page d'autorisation");
    expect(FR.get('accounts.mastodon.pasteCode')).toBe('Coller le code');
    expect(FR.get('accounts.removeHistory')).toBe("Supprimer aussi l'historique des publications de ce compte dans Tribune");
    expect(FR.get('variant.adapt')).toBe('Adapter pour ce compte');
  });
});

describe('keys used by the code', () => {
  const used = new Set<string>();
  for (const file of sourceFiles(RENDERER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/showError\(\s*'([^']+)'/g)) used.add(m[1]!);
  }

  it('finds the literal keys (sanity check of the scan)', () => {
    expect(used.size).toBeGreaterThan(80);
    expect(used.has('drafts.title')).toBe(true);
  });

  it('exist in both languages', () => {
    const missing = [...used].filter((key) => !has(FR, key) || !has(EN, key));
    expect(missing).toEqual([]);
  });

  it('cover every family built at run time', () => {
    const dynamic = [
      ...[...ERROR_CODES, 'disconnected'].map((c) => `errors.${c}`),
      ...['connecting', 'online', 'offline', 'no_token'].map((s) => `connection.${s}`),
      ...['language.system', 'language.fr', 'language.en', 'theme.system', 'theme.light', 'theme.dark'].map((k) => `settings.${k}`),
      ...['columnWidth.narrow', 'columnWidth.normal', 'columnWidth.wide', 'language.label', 'theme.label', 'columnWidth.label'].map(
        (k) => `settings.${k}`,
      ),
      'settings.host.desktop',
      'settings.host.web',
      ...['needs_setup', 'locked', 'key_mismatch', 'problem'].flatMap((k) => [`vault.banner.${k}.title`, `vault.banner.${k}.body`]),
      ...SHORTCUTS.map((s) => `shortcuts.actions.${s.action}`),
      ...SHORTCUT_GROUPS.map((g) => `shortcuts.groups.${g}`),
      ...['board', 'calendar', 'inbox', 'reports', 'settings'].map((p) => `places.${p}`),
      'networks.mastodon',
      'networks.bluesky',
      'accounts.health.ok',
      'accounts.health.reconnect_needed',
      ...['name_required', 'name_too_long', 'draft_too_long', 'passphrase_too_short'].map((i) => `issues.${i}`),
      ...['escape', 'enter', 'delete', 'home', 'end'].map((k) => `keys.${k}`),
      // Publishing
      'accounts.connected',
      'accounts.reconnected',
      'posts.scheduledCount',
      'posts.sentCount',
      ...['empty', 'text_over', 'bytes_over', 'too_many_images', 'alt_missing', 'alt_required', 'alt_too_long', 'media_type', 'threads_unsupported', 'cw_unsupported', 'reconnect_needed'].map(
        (c) => `checks.${c}`,
      ),
      ...['ready', 'warning', 'blocked'].map((s) => `checks.state.${s}`),
      ...['ok', 'near', 'over'].map((tone) => `counter.${tone}`),
      ...['scheduled', 'sending', 'sent', 'partial', 'failed', 'held_missed', 'held_reconnect', 'held', 'skipped', 'cancelled'].map((s) => `posts.status.${s}`),
      ...['publishNow', 'schedule', 'addToQueue'].map((w) => `publish.failed.${w}`),
      ...['loading', 'noText', 'noTargets', 'allBlocked'].map((b) => `publish.blocker.${b}`),
      ...MissedPolicy.options.map((p) => `publishing.missedPolicy.${p}`),
      ...['date_missing', 'time_missing', 'schedule_time_invalid', 'schedule_time_in_past'].map((e) => `schedule.errors.${e}`),
      'slots.time_format',
      'slots.time_exists',
      // Moderation: every action's menu entry, toast and audit line; the confirmations; the report's reasons.
      ...MODERATION_ACTIONS.flatMap((a) => [`moderation.actions.${a}`, `moderation.done.${a}`, `inbox.audit.actions.${a}`]),
      ...CONFIRMED.filter((a) => a !== 'report').flatMap((a) => ['title', 'lead', 'confirm'].map((k) => `moderation.confirm.${a}.${k}`)),
      ...ReportReason.options.map((r) => `moderation.reasons.${r}`),
    ];
    const missing = dynamic.filter((key) => !has(FR, key) || !has(EN, key));
    expect(missing).toEqual([]);
  });
});

describe('error messages', () => {
  const translator = (dict: Map<string, unknown>): Translator => ({
    t: (key) => String(dict.get(key)),
    exists: (key) => dict.has(key),
  });

  it('translate the error code', () => {
    expect(describeError({ code: 'vault_wrong_passphrase', message: 'bad' }, translator(FR))).toBe('Phrase secrète incorrecte.');
    expect(describeError({ code: 'vault_wrong_passphrase', message: 'bad' }, translator(EN))).toBe('Wrong passphrase.');
  });

  it('prefer the translated reason of the invalid field', () => {
    const error = { code: 'invalid_input' as const, message: 'x', issues: [{ path: 'name', message: 'name_too_long' }] };
    expect(describeError(error, translator(FR))).toBe(FR.get('issues.name_too_long'));
  });

  it("fall back to the core's message for a code this UI does not know", () => {
    expect(describeError({ code: 'brand_new' as never, message: 'Something new happened' }, translator(FR))).toBe('Something new happened');
  });
});

describe('language choice', () => {
  it('follows the system unless the settings say fr or en', () => {
    expect(resolveLanguage('system', 'fr')).toBe('fr');
    expect(resolveLanguage('system', 'en')).toBe('en');
    expect(resolveLanguage('en', 'fr')).toBe('en');
    expect(resolveLanguage('fr', 'en')).toBe('fr');
  });

  it('reads French from any fr-* locale and English otherwise', () => {
    expect(languageFromLocale('fr-CA')).toBe('fr');
    expect(languageFromLocale('FR')).toBe('fr');
    expect(languageFromLocale('de-DE')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });

  it("in the browser, 'system' is the browser's first language Tribune speaks, not the web host's", () => {
    expect(systemLanguageOf('web', 'fr', ['en-US', 'en'])).toBe('en');
    expect(systemLanguageOf('web', 'en', ['de-DE', 'fr-FR', 'en'])).toBe('fr');
    expect(systemLanguageOf('web', 'fr', ['de-DE', 'it'])).toBe('en');
    expect(systemLanguageOf('web', undefined, ['fr-BE'])).toBe('fr');
    // On desktop, the OS's language as the main process reads it.
    expect(systemLanguageOf('desktop', 'fr', ['en-US'])).toBe('fr');
    expect(firstSupportedLanguage([])).toBe('en');
  });
});
