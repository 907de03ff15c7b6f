import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ShieldAlert } from 'lucide-react';
import type { ItemFlag } from '../../shared/charter/schema';
import { signalOf } from '../../shared/charter/signals';

/** The matched words as they are, or a signal (a spam wave, many mentions...) in words. */
export function matchedText(t: TFunction, matched: string): string {
  const signal = signalOf(matched);
  if (!signal) return matched;
  return signal.count === null ? t(`inbox.signal.${signal.code}`) : t(`inbox.signal.${signal.code}`, { count: signal.count });
}

/** What the workspace's charter flagged on an item: a badge per rule, with the matched words. */
export function FlagBadges({ flags }: { flags: readonly ItemFlag[] | undefined }) {
  const { t } = useTranslation();
  if (!flags || flags.length === 0) return null;
  return (
    <ul className="inbox-flags" aria-label={t('inbox.flagsLabel')}>
      {flags.map((f) => (
        <li key={f.ruleId} className={`flag-badge severity-${f.severity}`}>
          <ShieldAlert size={12} aria-hidden />
          {t('inbox.flag', { rule: f.ruleName, matched: matchedText(t, f.matched) })}
        </li>
      ))}
    </ul>
  );
}
