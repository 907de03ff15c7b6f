import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Undo2 } from 'lucide-react';
import { DRAFT_MAX_LENGTH } from '../../../shared/domain';
import type { TextLimits } from '../../../shared/text';
import { atHandle } from '../../components/AccountAvatar';
import { Field } from '../../components/Field';
import { useComposer } from '../../stores/composer';
import { countPart } from '../../../shared/rules';
import { addVariantPart, mergeVariantPart, setVariantContentWarning, setVariantPart, setVariantThread, unadaptTarget } from '../../model/content';
import { addThreadPart, enterThreadMode, leaveThreadMode, mergeThreadPart, setThreadPart } from '../../model/threadParts';
import { Counter, PartsEditor, ThreadSwitch } from './EditorParts';
import { MediaStrip } from './MediaStrip';
import type { ComposerTarget } from './useTargets';

interface MainEditorProps {
  textareaRef: Ref<HTMLTextAreaElement>;
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void;
  /** Thread mode cuts for this (the strictest selected target). */
  limits: TextLimits;
  limitsLabel: string;
}

/** The main version: the draft's text (or its thread), and its images. */
export function MainEditor({ textareaRef, onKeyDown, limits, limitsLabel }: MainEditorProps) {
  const { t } = useTranslation();
  const text = useComposer((s) => s.text);
  const content = useComposer((s) => s.content);
  const ready = useComposer((s) => s.contentStatus === 'ready');
  const setText = useComposer((s) => s.setText);
  const edit = useComposer((s) => s.edit);
  const flush = useComposer((s) => s.flush);
  const threadParts = content.threadParts;
  return (
    <div className="editor" onBlur={() => void flush()}>
      {threadParts ? (
        <PartsEditor
          idPrefix="composer"
          parts={threadParts}
          limits={limits}
          contentWarning={content.contentWarning}
          label={(i, n) => t('thread.part', { n: i + 1, total: n })}
          onChange={(i, value) =>
            edit(({ content: c }) => {
              const next = setThreadPart(c, i, value);
              return { content: next, text: leaveThreadMode(next).text };
            })
          }
          onAdd={(i) => edit(({ content: c }) => ({ content: addThreadPart(c, i) }))}
          onMerge={(i) =>
            edit(({ content: c }) => {
              const next = mergeThreadPart(c, i);
              return { content: next, text: leaveThreadMode(next).text };
            })
          }
          onKeyDown={onKeyDown}
          firstRef={textareaRef}
        />
      ) : (
        <>
          <label htmlFor="composer-text" className="field-label">
            {t('composer.textLabel')}
          </label>
          <textarea
            id="composer-text"
            ref={textareaRef}
            className="composer-text"
            value={text}
            maxLength={DRAFT_MAX_LENGTH}
            placeholder={t('composer.placeholder')}
            spellCheck
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </>
      )}
      <ThreadSwitch
        id="composer-thread"
        isSelected={!!threadParts}
        isDisabled={!ready}
        hint={threadParts ? t('thread.onHint', { limit: limitsLabel }) : t('thread.offHint', { limit: limitsLabel })}
        onChange={(on) =>
          edit(({ content: c, text: current }) => {
            // The text stays as written until a part is edited.
            if (on) return { content: enterThreadMode(c, current, limits) };
            return leaveThreadMode(c);
          })
        }
      />
      <MediaStrip scope={null} forHandle={null} />
    </div>
  );
}

/** An adapted target's own version: its text (or thread), content warning and images. */
export function VariantEditor({ target }: { target: ComposerTarget }) {
  const { t } = useTranslation();
  const edit = useComposer((s) => s.edit);
  const flush = useComposer((s) => s.flush);
  const { account, caps, post } = target;
  const handle = atHandle(account.handle);
  const id = account.id;
  const thread = post.parts.length > 1;
  const cw = caps.contentWarning ? post.contentWarning : null;
  return (
    <div className="editor" onBlur={() => void flush()}>
      {thread ? (
        <PartsEditor
          idPrefix={`variant-${id}`}
          parts={post.parts.map((p) => p.text)}
          limits={caps.text}
          contentWarning={cw}
          label={(i, n) => t('thread.partFor', { n: i + 1, total: n, handle })}
          onChange={(i, value) => edit(({ content }) => ({ content: setVariantPart(content, id, i, value) }))}
          onAdd={(i) => edit(({ content }) => ({ content: addVariantPart(content, id, i) }))}
          onMerge={(i) => edit(({ content }) => ({ content: mergeVariantPart(content, id, i) }))}
        />
      ) : (
        <>
          <div className="thread-part-head">
            <label htmlFor={`variant-${id}-text`} className="field-label">
              {t('variant.textFor', { handle })}
            </label>
            <Counter count={countPart(post.parts[0]?.text ?? '', caps.text, cw)} />
          </div>
          <textarea
            id={`variant-${id}-text`}
            className="composer-text"
            value={post.parts[0]?.text ?? ''}
            maxLength={DRAFT_MAX_LENGTH}
            spellCheck
            onChange={(e) => edit(({ content }) => ({ content: setVariantPart(content, id, 0, e.target.value) }))}
          />
        </>
      )}
      {caps.threads ? (
        <ThreadSwitch
          id={`variant-${id}-thread`}
          isSelected={thread}
          hint={t('thread.variantHint', { handle })}
          onChange={(on) => edit(({ content }) => ({ content: setVariantThread(content, id, on, caps.text) }))}
        />
      ) : null}
      {caps.contentWarning ? (
        <Field id={`variant-${id}-cw`} label={t('composer.contentWarningFor', { handle })}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={post.contentWarning ?? ''}
              maxLength={1000}
              onChange={(e) => edit(({ content }) => ({ content: setVariantContentWarning(content, id, e.target.value || null) }))}
            />
          )}
        </Field>
      ) : null}
      <MediaStrip scope={id} forHandle={handle} />
      <div className="variant-actions">
        <Button className="btn btn-ghost" onPress={() => edit(({ content }) => ({ content: unadaptTarget(content, id) }))}>
          <Undo2 size={14} aria-hidden />
          <span>{t('variant.backToMain')}</span>
        </Button>
      </div>
    </div>
  );
}
