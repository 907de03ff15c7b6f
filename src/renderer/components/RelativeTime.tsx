import { format, formatDistanceToNow } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { compactAge, type SayAge } from '../lib/compactAge';

const locales = { fr, en: enUS } as const;

export function dateLocale(language: string) {
  return language.startsWith('fr') ? locales.fr : locales.en;
}

/** The words of a compact age in one language, made once per language. */
const sayers = new Map<string, SayAge>();
function sayAgeIn(language: string): SayAge {
  let say = sayers.get(language);
  if (!say) sayers.set(language, (say = (unit, n) => i18n.t(`timeAgo.${unit}`, { lng: language, n })));
  return say;
}

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
/** The clock every shown time reads: moved on every tick, and when the first time shown starts it. */
let nowMs = Date.now();
let timer: number | undefined;

/** One clock for every time shown (a board mounts and unmounts cards by the hundred while scrolling). */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    nowMs = Date.now();
    timer = window.setInterval(() => {
      nowMs = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Re-renders every 30 s so "il y a 2 minutes" stays true. */
function useNow(): number {
  return useSyncExternalStore(subscribe, () => nowMs);
}

/** "il y a 3 minutes" / "3 minutes ago" (compact: "3 min"), with the full date as its tooltip. */
export function RelativeTime({ iso, prefix, id, compact = false }: { iso: string; prefix?: string; id?: string; compact?: boolean }) {
  const { i18n } = useTranslation();
  return <TimeAgo iso={iso} prefix={prefix} id={id} language={i18n.language} compact={compact} />;
}

/**
 * RelativeTime for a list that knows its language (board cards, mounted at every scrolled frame):
 * no translation hook of its own, and the full date is written when the pointer comes over it
 * (the only time its tooltip shows), not for every card mounted.
 */
export function TimeAgo({ iso, prefix, id, language, compact = false }: { iso: string; prefix?: string; id?: string; language: string; compact?: boolean }) {
  const now = useNow();
  const date = new Date(iso);
  const locale = dateLocale(language);
  // Compact ("5 min") on board cards and inbox rows, where "il y a moins d'une minute" pushed the author's name out.
  const relative = compact ? compactAge(date.getTime(), now, locale, sayAgeIn(language)) : formatDistanceToNow(date, { addSuffix: true, locale });
  return (
    <time
      id={id}
      className="rel-time"
      dateTime={iso}
      onPointerEnter={(event) => {
        event.currentTarget.title = format(date, 'PPPPp', { locale });
      }}
    >
      {prefix ? `${prefix} ${relative}` : relative}
    </time>
  );
}
