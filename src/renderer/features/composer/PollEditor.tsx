import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox } from 'react-aria-components';
import { Check, Plus, X } from 'lucide-react';
import type { Poll } from '../../../shared/publishing';
import { Field } from '../../components/Field';
import { IconButton } from '../../components/IconButton';
import { useComposer } from '../../stores/composer';
import { addPollOption, MIN_POLL_OPTIONS, POLL_DURATIONS, removePollOption, setPollDuration, setPollEnabled, setPollMultiple, setPollOption } from '../../model/pollContent';

/** "Sondage": a toggle, 2 to the instance's maximum of choices, a duration and "Plusieurs choix possibles". */
export function PollEditor({ poll, ready, maxOptions, maxLength }: { poll: Poll | null; ready: boolean; maxOptions: number; maxLength: number }) {
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
            <Field
              key={index}
              id={`composer-poll-choice-${index}`}
              label={t('composer.pollChoice', { n: index + 1 })}
              labelAside={
                poll.options.length > MIN_POLL_OPTIONS ? (
                  <IconButton
                    label={t('composer.pollRemoveChoice', { n: index + 1 })}
                    icon={X}
                    isDisabled={!ready}
                    onPress={() => {
                      edit(({ content: c }) => ({ content: removePollOption(c, index) }));
                      focusChoice.current = Math.max(0, index - 1);
                    }}
                  />
                ) : null
              }
            >
              {(control) => (
                <input
                  {...control}
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
              )}
            </Field>
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
          <Field id="composer-poll-duration" label={t('composer.pollDuration')}>
            {(control) => (
              <select
                {...control}
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
            )}
          </Field>
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
