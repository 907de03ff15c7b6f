import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemFlag } from '../../../shared/charter/schema';
import { FlagBadges } from '../../components/FlagBadges';
import { getClient } from '../../client';

/**
 * The workspace's charter on the brand's own draft, as it is typed (debounced): a warning that
 * never blocks publishing, announced politely to screen readers.
 */
export function CharterLint({ workspaceId, text }: { workspaceId: string | null; text: string }) {
  const { t } = useTranslation();
  const [flags, setFlags] = useState<ItemFlag[]>([]);
  useEffect(() => {
    let current = true;
    const blank = !workspaceId || !text.trim();
    const handle = setTimeout(
      () => {
        if (blank) setFlags([]);
        else
          void getClient()
            .invoke('charter.lint', { workspaceId, text })
            .then((r) => {
              if (current) setFlags(r.ok ? r.value.flags : []);
            });
      },
      blank ? 0 : 400,
    );
    return () => {
      current = false;
      clearTimeout(handle);
    };
  }, [workspaceId, text]);
  return (
    <div className="composer-charter" role="status" aria-live="polite">
      {flags.length > 0 ? (
        <>
          <p className="composer-charter-title">{t('composer.charterLint', { count: flags.length })}</p>
          <FlagBadges flags={flags} />
        </>
      ) : null}
    </div>
  );
}
