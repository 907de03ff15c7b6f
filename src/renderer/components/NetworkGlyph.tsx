import type { Network } from '../../shared/domain';

/**
 * The network's small badge (lucide has no brand icons): a butterfly for Bluesky, an "m" for
 * Mastodon, drawn here. Decorative: the network is always named in text nearby.
 */
export function NetworkGlyph({ network, className }: { network: Network; className?: string }) {
  return (
    <span className={`network-glyph network-${network} ${className ?? ''}`} aria-hidden>
      <svg viewBox="0 0 16 16" width="10" height="10" focusable="false">
        {network === 'bluesky' ? (
          <path
            fill="currentColor"
            d="M8 7.2C6.6 4.4 4 2.3 2.4 2.2 1.3 2.1 1 3 1.1 4.2c.1 1.5.6 3.2 2.3 3.6.8.2 1.7.1 2.5 0-1.8.5-3.3 1.4-2.6 3.1.7 1.5 2.5 1.4 3.5-.3.5-.8.9-1.6 1.2-2.4.3.8.7 1.6 1.2 2.4 1 1.7 2.8 1.8 3.5.3.7-1.7-.8-2.6-2.6-3.1.8.1 1.7.2 2.5 0 1.7-.4 2.2-2.1 2.3-3.6.1-1.2-.2-2.1-1.3-2C12 2.3 9.4 4.4 8 7.2Z"
          />
        ) : (
          <path fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" d="M3.5 12V6.8a2.2 2.2 0 0 1 4.5 0V10m0-3.2a2.2 2.2 0 0 1 4.5 0V12" />
        )}
      </svg>
    </span>
  );
}
