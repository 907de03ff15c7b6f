import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CircleAlert, Info, Undo2, X } from 'lucide-react';
import { useToasts, type Toast } from '../stores/toasts';
import { Kbd } from './Kbd';

/** Seconds left until `until`, updated four times a second (shown, not announced: the message says it once). */
function Countdown({ until, onDone }: { until: number; onDone(): void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  useEffect(() => {
    if (seconds === 0) onDone();
  }, [seconds, onDone]);
  return (
    <span className="toast-countdown" aria-hidden data-testid="toast-countdown">
      {t('planning.countdown', { seconds })}
    </span>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.durationMs);
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = window.setTimeout(() => dismiss(toast.id), remaining.current);
    return () => {
      window.clearTimeout(timer);
      remaining.current = Math.max(remaining.current - (Date.now() - started), 1500);
    };
  }, [paused, dismiss, toast.id]);
  const Icon = toast.tone === 'error' ? CircleAlert : Info;
  return (
    <div
      className={`toast toast-${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : undefined}
      data-testid="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <Icon size={16} aria-hidden />
      <span className="toast-message">{toast.message}</span>
      {toast.countdownTo ? <Countdown until={toast.countdownTo} onDone={() => dismiss(toast.id)} /> : null}
      {toast.action ? (
        <Button
          className="btn btn-link"
          // Named by what it shows ("Annuler Ctrl+Z"): a voice command says what it sees (WCAG 2.5.3).
          aria-keyshortcuts={toast.action.isUndo ? 'Control+Z Meta+Z' : undefined}
          onPress={() => {
            dismiss(toast.id);
            toast.action?.run();
          }}
        >
          {toast.action.isUndo ? <Undo2 size={14} aria-hidden /> : null}
          <span>{toast.action.label}</span>
          {toast.action.isUndo ? <Kbd keys="Mod+Z" /> : null}
        </Button>
      ) : null}
      <Button className="btn btn-ghost btn-icon" aria-label={t('common.dismiss')} onPress={() => dismiss(toast.id)}>
        <X size={14} aria-hidden />
      </Button>
    </div>
  );
}

/** Always in the page so screen readers announce what is added to it. */
export function ToastRegion() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="toast-region" aria-label={t('toasts.region')} aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
