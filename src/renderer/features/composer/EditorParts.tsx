/** The composer's text pieces: the counter, a thread's numbered parts, the thread switch. */
import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Merge, Plus } from 'lucide-react';
import { DRAFT_MAX_LENGTH } from '../../../shared/domain';
import type { TextCount, TextLimits } from '../../../shared/text';
import { counterText, counterTone, countPart } from '../../../shared/rules';

/** Over the network's weight in bytes (Bluesky: 3,000) while the characters fit: the counter counts bytes. */
export const overInBytes = (count: TextCount): boolean =>
  count.bytes !== undefined && count.maxBytes !== undefined && count.bytes > count.maxBytes && count.used <= count.max;

/** "287/300", amber from 90 %, red over; the sentence for screen readers beside it. A post too heavy in bytes says bytes. */
export function Counter({ count, label }: { count: TextCount; label?: string }) {
  const { t } = useTranslation();
  const tone = counterTone(count);
  const bytes = overInBytes(count) ? { used: count.bytes, max: count.maxBytes } : null;
  return (
    <span className={`counter counter-${tone}`}>
      <span data-testid="counter" aria-hidden>
        {bytes ? t('counter.bytesShort', bytes) : counterText(count)}
      </span>
      <span className="sr-only">
        {label ? `${label} : ` : ''}
        {bytes ? t('counter.bytesOver', bytes) : t(`counter.${tone}`, { used: count.used, max: count.max })}
      </span>
    </span>
  );
}

interface PartsEditorProps {
  idPrefix: string;
  parts: readonly string[];
  limits: TextLimits;
  contentWarning: string | null;
  /** "Partie 2 sur 3" or "Partie 2 sur 3 pour @alice". */
  label(index: number, total: number): string;
  onChange(index: number, text: string): void;
  onAdd(after: number): void;
  onMerge(index: number): void;
  onKeyDown?(event: KeyboardEvent<HTMLTextAreaElement>): void;
  firstRef?: Ref<HTMLTextAreaElement>;
}

/** A thread as numbered, editable posts, each with its counter. */
export function PartsEditor({ idPrefix, parts, limits, contentWarning, label, onChange, onAdd, onMerge, onKeyDown, firstRef }: PartsEditorProps) {
  const { t } = useTranslation();
  return (
    <ol className="thread-parts">
      {parts.map((part, i) => {
        const id = `${idPrefix}-part-${i}`;
        const name = label(i, parts.length);
        return (
          <li key={i} className="thread-part">
            <div className="thread-part-head">
              <label className="field-label" htmlFor={id}>
                {name}
              </label>
              <Counter count={countPart(part, limits, contentWarning)} label={name} />
            </div>
            <textarea
              id={id}
              ref={i === 0 ? firstRef : undefined}
              className="composer-text composer-part"
              value={part}
              rows={4}
              maxLength={DRAFT_MAX_LENGTH}
              spellCheck
              onChange={(e) => onChange(i, e.target.value)}
              onKeyDown={onKeyDown}
            />
            <div className="thread-part-actions">
              <Button className="btn btn-ghost" aria-label={t('thread.addAfterLabel', { n: i + 1 })} onPress={() => onAdd(i)}>
                <Plus size={14} aria-hidden />
                <span>{t('thread.addAfter')}</span>
              </Button>
              {i > 0 ? (
                <Button className="btn btn-ghost" aria-label={t('thread.mergeLabel', { n: i + 1 })} onPress={() => onMerge(i)}>
                  <Merge size={14} aria-hidden />
                  <span>{t('thread.merge')}</span>
                </Button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** A native checkbox drawn as a switch: role="switch", clickable and checkable like any input. */
export function ThreadSwitch({ id, isSelected, onChange, hint, isDisabled }: { id: string; isSelected: boolean; onChange(on: boolean): void; hint: string; isDisabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="thread-switch">
      <label className="switch" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch-input"
          checked={isSelected}
          disabled={isDisabled}
          aria-checked={isSelected}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{t('thread.toggle')}</span>
      </label>
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
    </div>
  );
}
