import { useState } from 'react';
import { REMOTE_IMAGE_PATH } from '../../shared/board/schemas';
import type { Account } from '../../shared/domain';
import { initials } from '../lib/initials';
import { NetworkGlyph } from './NetworkGlyph';

/** The account's picture (or its initials) with the network's badge; decorative. */
export function AccountAvatar({ account, size = 'normal' }: { account: Pick<Account, 'avatarUrl' | 'displayName' | 'handle' | 'network'>; size?: 'small' | 'normal' }) {
  const [broken, setBroken] = useState(false);
  // Only the core's image cache (same origin): the renderer never loads an image from a network.
  const url = account.avatarUrl?.startsWith(REMOTE_IMAGE_PATH) && !broken ? account.avatarUrl : null;
  return (
    <span className={`account-avatar account-avatar-${size}`} aria-hidden>
      {url ? (
        <img src={url} alt="" loading="lazy" onError={() => setBroken(true)} />
      ) : (
        <span className="account-initials">{initials(account.displayName || account.handle.replace(/^@/, ''))}</span>
      )}
      <NetworkGlyph network={account.network} />
    </span>
  );
}

/** "@handle" as people write it. */
export const atHandle = (handle: string): string => (handle.startsWith('@') ? handle : `@${handle}`);
