import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Check, Send, Undo2 } from 'lucide-react';
import { errorText } from '../../../i18n';
import { usePlanning, type ReviewAction } from '../../../stores/planning';
import { useToasts } from '../../../stores/toasts';

/** Approval: "Soumettre pour validation", then "Valider" or "Renvoyer"; the state as a pill. */
export function ReviewBar() {
  const { t } = useTranslation();
  const planning = usePlanning((s) => s.planning);
  const review = usePlanning((s) => s.review);
  const [busy, setBusy] = useState<ReviewAction | null>(null);
  const group = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  const state = planning?.reviewState;
  useEffect(() => {
    // The button just pressed is gone with the state it changed: the focus goes to the next step
    // ("Valider" after "Soumettre…", "Soumettre…" after "Renvoyer"), not to the page.
    if (!refocus.current) return;
    refocus.current = false;
    group.current?.querySelector<HTMLElement>('button')?.focus();
  }, [state]);
  if (!planning || !state) return null;

  const run = async (action: ReviewAction) => {
    refocus.current = group.current?.contains(document.activeElement) ?? false;
    setBusy(action);
    const result = await review(action);
    setBusy(null);
    if (!result.ok) refocus.current = false;
    useToasts.getState().show(
      result.ok
        ? { message: t(`calendar.review.done.${action}`) }
        : { tone: 'error', message: t('calendar.review.failed', { reason: errorText(result.error) }), durationMs: 10_000 },
    );
  };

  return (
    <div ref={group} className="review-bar" role="group" aria-label={t('calendar.review.title')}>
      <span className={`cal-status cal-status-${state === 'draft' ? 'draft' : state}`} data-testid="review-state">
        {t(`calendar.review.state.${state}`)}
      </span>
      {state === 'draft' ? (
        <Button className="btn btn-ghost" isPending={busy === 'submit'} onPress={() => void run('submit')}>
          <Send size={14} aria-hidden />
          <span>{t('calendar.review.submit')}</span>
        </Button>
      ) : null}
      {state === 'in_review' ? (
        <Button className="btn btn-ghost" isPending={busy === 'approve'} onPress={() => void run('approve')}>
          <Check size={14} aria-hidden />
          <span>{t('calendar.review.approve')}</span>
        </Button>
      ) : null}
      {state !== 'draft' ? (
        <Button className="btn btn-ghost" isPending={busy === 'reject'} onPress={() => void run('reject')}>
          <Undo2 size={14} aria-hidden />
          <span>{t('calendar.review.reject')}</span>
        </Button>
      ) : null}
      <p className="field-hint">{t(`calendar.review.hint.${state}`)}</p>
    </div>
  );
}
