import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox } from 'react-aria-components';
import { Check, Plus, X } from 'lucide-react';
import type { Poll, Visibility } from '../../../shared/publishing';
import { IconButton } from '../../components/IconButton';
import { useComposer } from '../../stores/composer';
import {
  addPollOption,
  DEFAULT_MAX_POLL_OPTIONS,
  MIN_POLL_OPTIONS,
  POLL_DURATIONS,
  removePollOption,
  setPollDuration,
  setPollEnabled,
  setPollMultiple,
  setPollOption,
  setVisibility,
} from '../../model/pollContent';
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
      {showVisibility ? (
        <div className="field">
          <label className="field-label" htmlFor="composer-visibility">
            {t('composer.visibility')}
          </label>
          <select
            id="composer-visibility"
            className="input"
            value={content.visibility ?? ''}
            disabled={!ready}
            aria-describedby="composer-visibility-hint"
            onChange={(e) => edit(({ content: c }) => ({ content: setVisibility(c, (e.target.value || null) as Visibility | null) }))}
          >
            <option value="">{t('composer.visibilityDefault')}</option>
            {VISIBILITIES.map((v) => (
              <option key={v.value} value={v.value}>
                {t(v.key)}
              </option>
            ))}
          </select>
          <span id="composer-visibility-hint" className="field-hint">
            {t('composer.visibilityHint')}
          </span>
        </div>
      ) : null}
      {showPoll ? <PollEditor poll={content.poll} ready={ready} maxOptions={maxPollOptions(targets)} maxLength={maxOptionCharacters(targets)} /> : null}
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

/** "Sondage": a toggle, 2 to the instance's maximum of choices, a duration and "Plusieurs choix possibles". */
function PollEditor({ poll, ready, maxOptions, maxLength }: { poll: Poll | null; ready: boolean; maxOptions: number; maxLength: number }) {
  const { t } = useTranslation();
  const edit = useComposer((s) => s.edit);
  const inputs = useRef(new Map<number, HTMLInputElement>());
  // After adding or removing a choice, focus goes to the choice to write (never lost on the removed button).
  const focusChoice = useRef<number | null>(null);
  useEffect(() => {
    if (focusChoice.current === null) return;
    inputs.current.get(focusChoice.current)?.focus();
    focusChoice.current = null;
  });
  const durations: number[] = [...POLL_DURATIONS];
  if (poll && !durations.includes(poll.expiresInSeconds)) durations.push(poll.expiresInSeconds);
  return (
    <div className="field thread-switch" role="group" aria-labelledby="composer-poll-title">
      <span id="composer-poll-title" className="field-label">
        {t('composer.poll')}
      </span>
      <label className="switch" htmlFor="composer-poll">
        <input
          id="composer-poll"
          type="checkbox"
          role="switch"
          className="switch-input"
          checked={poll !== null}
          disabled={!ready}
          aria-checked={poll !== null}
          aria-describedby="composer-poll-hint"
          onChange={(e) => {
            const on = e.target.checked;
            edit(({ content: c }) => ({ content: setPollEnabled(c, on) }));
          }}
        />
        <span>{t('composer.pollAdd')}</span>
      </label>
      <span id="composer-poll-hint" className="field-hint">
        {t('composer.pollHint')}
      </span>
      {poll ? (
        <>
          {poll.options.map((option, index) => (
            <div key={index} className="field">
              <div className="thread-part-head">
                <label className="field-label" htmlFor={`composer-poll-choice-${index}`}>
                  {t('composer.pollChoice', { n: index + 1 })}
                </label>
                {poll.options.length > MIN_POLL_OPTIONS ? (
                  <IconButton
                    label={t('composer.pollRemoveChoice', { n: index + 1 })}
                    icon={X}
                    isDisabled={!ready}
                    onPress={() => {
                      edit(({ content: c }) => ({ content: removePollOption(c, index) }));
                      focusChoice.current = Math.max(0, index - 1);
                    }}
                  />
                ) : null}
              </div>
              <input
                id={`composer-poll-choice-${index}`}
                ref={(el) => {
                  if (el) inputs.current.set(index, el);
                  else inputs.current.delete(index);
                }}
                className="input"
                value={option}
                maxLength={maxLength}
                disabled={!ready}
                onChange={(e) => edit(({ content: c }) => ({ content: setPollOption(c, index, e.target.value) }))}
              />
            </div>
          ))}
          {poll.options.length < maxOptions ? (
            <Button className="btn btn-link" isDisabled={!ready} onPress={() => {
                edit(({ content: c }) => ({ content: addPollOption(c, maxOptions) }));
                focusChoice.current = poll.options.length;
              }}
            >
              <Plus size={12} aria-hidden />
              <span>{t('composer.pollAddChoice')}</span>
            </Button>
          ) : (
            <span className="field-hint">{t('composer.pollMaxChoices', { max: maxOptions })}</span>
          )}
          <label className="field-label" htmlFor="composer-poll-duration">
            {t('composer.pollDuration')}
          </label>
          <select
            id="composer-poll-duration"
            className="input"
            value={poll.expiresInSeconds}
            disabled={!ready}
            onChange={(e) => edit(({ content: c }) => ({ content: setPollDuration(c, Number(e.target.value)) }))}
          >
            {durations.map((seconds) => (
              <option key={seconds} value={seconds}>
                {(POLL_DURATIONS as readonly number[]).includes(seconds)
                  ? t(`composer.pollDurations.${seconds}`)
                  : t('composer.pollDurationOther', { minutes: Math.round(seconds / 60) })}
              </option>
            ))}
          </select>
          <Checkbox
            className="checkbox"
            isSelected={poll.multiple}
            isDisabled={!ready}
            onChange={(on) => edit(({ content: c }) => ({ content: setPollMultiple(c, on) }))}
          >
            {({ isSelected }) => (
              <>
                <span className="checkbox-box" aria-hidden>
                  {isSelected ? <Check size={12} /> : null}
                </span>
                <span>{t('composer.pollMultiple')}</span>
              </>
            )}
          </Checkbox>
        </>
      ) : null}
    </div>
  );
}
