import { format, formatDistanceToNow } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const locales = { fr, en: enUS } as const;

export function dateLocale(language: string) {
  return language.startsWith('fr') ? locales.fr : locales.en;
}

/** Re-renders every 30 s so "il y a 2 minutes" stays true. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "il y a 3 minutes" / "3 minutes ago", with the full date as its tooltip. */
export function RelativeTime({ iso, prefix, id }: { iso: string; prefix?: string; id?: string }) {
  const { i18n } = useTranslation();
  useNow();
  const date = new Date(iso);
  const locale = dateLocale(i18n.language);
  const relative = formatDistanceToNow(date, { addSuffix: true, locale });
  const full = format(date, 'PPPPp', { locale });
  return (
    <time id={id} className="rel-time" dateTime={iso} title={full}>
      {prefix ? `${prefix} ${relative}` : relative}
    </time>
  );
}
