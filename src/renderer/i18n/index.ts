import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain';
import type { ClientError } from '../client/types';
import { describeError, type Translator } from './errors';
import en from './en.json';
import fr from './fr.json';

export const resources = { fr: { translation: fr }, en: { translation: en } } as const;

/** fr when the system speaks French, en otherwise. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The first language of the list Tribune speaks (navigator.languages: the browser's order); English otherwise. */
export function firstSupportedLanguage(locales: readonly string[]): Language {
  for (const locale of locales) {
    const tag = locale.toLowerCase();
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * "System language": in the browser, the browser's own languages (the web host's process may run
 * in another locale, or on another account); on desktop, the OS's as the main process reads it.
 */
export function systemLanguageOf(
  host: 'desktop' | 'web' | undefined,
  coreSystemLanguage: Language | undefined,
  browserLocales: readonly string[],
): Language {
  if (host === 'desktop' && coreSystemLanguage) return coreSystemLanguage;
  return firstSupportedLanguage(browserLocales);
}

/** settings.language wins over the system language unless it says "system". */
export function resolveLanguage(setting: 'system' | Language, systemLanguage: Language): Language {
  return setting === 'system' ? systemLanguage : setting;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: languageFromLocale(typeof navigator !== 'undefined' ? navigator.language : 'en'),
  fallbackLng: 'en',
  supportedLngs: ['fr', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const t = (key: string, options?: Record<string, unknown>): string => i18n.t(key, options ?? {});

/** The app's i18next seen through the small interface describeError needs. */
export const translator: Translator = {
  t: (key, options) => i18n.t(key, options ?? {}),
  exists: (key) => i18n.exists(key),
};

/** An error as a sentence in the current language. */
export const errorText = (error: ClientError): string => describeError(error, translator);
