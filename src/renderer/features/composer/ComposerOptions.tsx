import { useTranslation } from 'react-i18next';
import type { Visibility } from '../../../shared/publishing';
import { Field } from '../../components/Field';
import { useComposer } from '../../stores/composer';
import { DEFAULT_MAX_POLL_OPTIONS, setVisibility } from '../../model/pollContent';
import { PollEditor } from './PollEditor';
import type { ComposerTarget } from './useTargets';

const VISIBILITIES: { value: Visibility; key: string }[] = [
  { value: 'public', key: 'composer.visibilityPublic' },
  { value: 'unlisted', key: 'composer.visibilityUnlisted' },
  { value: 'private', key: 'composer.visibilityPrivate' },
  { value: 'direct', key: 'composer.visibilityDirect' },
];

/** The most choices every selected Mastodon account takes (the instance's own when known, else 4). */
export function maxPollOptions(targets: readonly ComposerTarget[]): number {
  const maxima = targets.filter((target) => target.account.network === 'mastodon' && target.caps.poll).map((target) => target.caps.poll!.maxOptions);
  return maxima.length > 0 ? Math.min(10, ...maxima) : DEFAULT_MAX_POLL_OPTIONS;
}

/** The longest choice every selected Mastodon account takes. */
function maxOptionCharacters(targets: readonly ComposerTarget[]): number {
  const maxima = targets.map((target) => target.caps.poll?.maxOptionCharacters).filter((n): n is number => typeof n === 'number');
  return Math.min(200, ...maxima);
}

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
  const mastodon = targets.some((target) => target.account.network === 'mastodon' && !target.adapted);
  const showVisibility = content.visibility !== null || mastodon;
  const showPoll = content.poll !== null || mastodon;
  const languages: string[] = [...POST_LANGUAGES];
  if (content.language && !languages.includes(content.language)) languages.push(content.language);
  return (
    <div className="composer-options">
      {showWarning ? (
        <Field id="composer-cw" label={t('composer.contentWarning')} hint={t('composer.contentWarningHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={content.contentWarning ?? ''}
              maxLength={1000}
              disabled={!ready}
              placeholder={t('composer.contentWarningPlaceholder')}
              onChange={(e) => edit(({ content: c }) => ({ content: { ...c, contentWarning: e.target.value === '' ? null : e.target.value } }))}
            />
          )}
        </Field>
      ) : null}
      {showVisibility ? (
        <Field id="composer-visibility" label={t('composer.visibility')} hint={t('composer.visibilityHint')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={content.visibility ?? ''}
              disabled={!ready}
              onChange={(e) => edit(({ content: c }) => ({ content: setVisibility(c, (e.target.value || null) as Visibility | null) }))}
            >
              <option value="">{t('composer.visibilityDefault')}</option>
              {VISIBILITIES.map((v) => (
                <option key={v.value} value={v.value}>
                  {t(v.key)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {showPoll ? <PollEditor poll={content.poll} ready={ready} maxOptions={maxPollOptions(targets)} maxLength={maxOptionCharacters(targets)} /> : null}
      <Field id="composer-language" label={t('composer.language')}>
        {(control) => (
          <select
            {...control}
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
        )}
      </Field>
    </div>
  );
}
