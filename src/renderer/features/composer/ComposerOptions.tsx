import { useTranslation } from 'react-i18next';
import { useComposer } from '../../stores/composer';
import type { ComposerTarget } from './useTargets';

/** Languages offered first; the post's language helps readers' filters and screen readers. */
export const POST_LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ca', 'br', 'oc', 'eu', 'ar'] as const;

/** The language's own name ("Français", "Deutsch"), from Intl. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    const inUi = new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code);
    if (!own) return code;
    const capitalised = own.charAt(0).toLocaleUpperCase(code) + own.slice(1);
    return inUi && inUi.toLowerCase() !== own.toLowerCase() ? `${capitalised} (${inUi})` : capitalised;
  } catch {
    return code;
  }
}

/** Content warning (Mastodon) and language, for the main version. */
export function ComposerOptions({ targets }: { targets: ComposerTarget[] }) {
  const { t, i18n } = useTranslation();
  const content = useComposer((s) => s.content);
  const ready = useComposer((s) => s.contentStatus === 'ready');
  const edit = useComposer((s) => s.edit);
  const showWarning = content.contentWarning !== null || targets.some((target) => target.caps.contentWarning && !target.adapted);
  const languages: string[] = [...POST_LANGUAGES];
  if (content.language && !languages.includes(content.language)) languages.push(content.language);
  return (
    <div className="composer-options">
      {showWarning ? (
        <div className="field">
          <label className="field-label" htmlFor="composer-cw">
            {t('composer.contentWarning')}
          </label>
          <input
            id="composer-cw"
            className="input"
            value={content.contentWarning ?? ''}
            maxLength={1000}
            disabled={!ready}
            placeholder={t('composer.contentWarningPlaceholder')}
            aria-describedby="composer-cw-hint"
            onChange={(e) => edit(({ content: c }) => ({ content: { ...c, contentWarning: e.target.value === '' ? null : e.target.value } }))}
          />
          <span id="composer-cw-hint" className="field-hint">
            {t('composer.contentWarningHint')}
          </span>
        </div>
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor="composer-language">
          {t('composer.language')}
        </label>
        <select
          id="composer-language"
          className="input"
          value={content.language ?? ''}
          disabled={!ready}
          onChange={(e) => edit(({ content: c }) => ({ content: { ...c, language: e.target.value || null } }))}
        >
          <option value="">{t('composer.languageUnset')}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
