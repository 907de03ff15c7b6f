import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../shared/contract';
import type { DraftContent } from '../../../shared/publishing';
import { atHandle } from '../../components/AccountAvatar';
import { FlagBadges } from '../../components/FlagBadges';
import { getClient } from '../../client';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';

type Lint = CommandOutput<'charter.lint'>;
type Place = { accountId: string | null; part: number | null; text: string };

/** The draft's texts besides the main one: the main thread's parts (then the main text is left empty), each adapted version or its parts. */
export function draftPlaces(text: string, content: DraftContent): { text: string; places: Place[] } {
  const main: Place[] = content.threadParts ? content.threadParts.map((t, i) => ({ accountId: null, part: i, text: t })) : [];
  const versions = content.targets.flatMap((target): Place[] => {
    const parts = target.variant?.parts ?? [];
    return parts.length > 1 ? parts.map((p, i) => ({ accountId: target.accountId, part: i, text: p.text })) : parts.map((p) => ({ accountId: target.accountId, part: null, text: p.text }));
  });
  return { text: content.threadParts ? '' : text, places: [...main, ...versions] };
}

/**
 * The workspace's charter on the brand's own draft, as it is typed (debounced): every version and
 * every thread part, each named where it matched; a warning that never blocks publishing,
 * announced politely to screen readers.
 */
export function CharterLint({ workspaceId }: { workspaceId: string | null }) {
  const { t } = useTranslation();
  const text = useComposer((s) => s.text);
  const content = useComposer((s) => s.content);
  const accounts = useAccounts((s) => (workspaceId ? s.byWorkspace[workspaceId] : undefined));
  const [lint, setLint] = useState<Lint | null>(null);
  const request = useMemo(() => draftPlaces(text, content), [text, content]);
  const key = JSON.stringify(request);
  useEffect(() => {
    let current = true;
    const blank = !workspaceId || (!request.text.trim() && request.places.every((p) => !p.text.trim()));
    const handle = setTimeout(
      () => {
        if (blank) setLint(null);
        else
          void getClient()
            .invoke('charter.lint', { workspaceId, ...request })
            .then((r) => {
              if (current) setLint(r.ok ? r.value : null);
            });
      },
      blank ? 0 : 400,
    );
    return () => {
      current = false;
      clearTimeout(handle);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the draft's texts
  }, [workspaceId, key]);
  const where = (accountId: string | null, part: number | null) => {
    const account = accountId ? accounts?.find((a) => a.id === accountId) : null;
    const version = accountId ? t('composer.lintPlaces.version', { handle: account ? atHandle(account.handle) : '?' }) : t('composer.lintPlaces.main');
    return part === null ? version : t('composer.lintPlaces.part', { version, n: part + 1 });
  };
  const flags = lint?.flags ?? [];
  return (
    <div className="composer-charter" role="status" aria-live="polite">
      {flags.length > 0 ? (
        <>
          <p className="composer-charter-title">{t('composer.charterLint', { count: flags.length })}</p>
          <ul className="composer-charter-places">
            {lint!.places.map((p) => (
              <li key={`${p.accountId ?? 'main'}-${p.part ?? 'all'}`} data-testid="lint-place">
                <span className="composer-charter-where">{where(p.accountId, p.part)}</span>
                <FlagBadges flags={p.flags} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
