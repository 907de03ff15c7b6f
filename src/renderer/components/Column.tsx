import type { ComponentType, CSSProperties, ReactNode } from 'react';
import type { Account } from '../../shared/domain';
import { AccountAvatar, atHandle } from './AccountAvatar';

interface ColumnProps {
  id: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  title: string;
  count: number;
  /** "3 brouillons": the count as a sentence for screen readers. */
  countLabel: string;
  /** Whose column it is: the account's (or the workspace's) colour as a stripe. */
  color: string;
  /** The account the column reads as: its avatar, network glyph and handle in the header. */
  owner?: Pick<Account, 'avatarUrl' | 'displayName' | 'handle' | 'network'> | null;
  /** What it shows beyond its type: a search, a profile ("#PortLumiere", "@alice"). */
  subtitle?: string | null;
  /** The region's accessible name when it differs from the title ("Mentions — @brand"). */
  label?: string;
  /** The column's menu button (refresh, filter, notifications, width, remove). */
  menu?: ReactNode;
  /** The drag handle (drag with the mouse, or Space then arrows). */
  handle?: ReactNode;
  /** Freshness, reconnect or offline line under the header. */
  status?: ReactNode;
  /** Hidden count (local columns show their length; network columns their unread count only when above 0). */
  hideZero?: boolean;
  testId?: string;
  children: ReactNode;
}

/** One board column: a named region; its header says whose column it is and what it shows. */
export function Column({ id, icon: Icon, title, count, countLabel, color, owner, subtitle, label, menu, handle, status, hideZero, testId, children }: ColumnProps) {
  const titleId = `column-${id}-title`;
  return (
    <section
      className="column"
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
      data-testid={testId ?? `column-${id}`}
      style={{ '--column-color': color } as CSSProperties}
    >
      <header className="column-header">
        {handle}
        {owner ? <AccountAvatar account={owner} size="small" /> : <Icon size={16} aria-hidden />}
        <div className="column-heading">
          <h2 id={titleId} className="column-title">
            {owner ? <Icon size={13} aria-hidden /> : null}
            <span>{title}</span>
          </h2>
          {owner || subtitle ? (
            <p className="column-subtitle">
              {owner ? <span className="column-handle">{atHandle(owner.handle)}</span> : null}
              {subtitle ? <span className="column-query">{subtitle}</span> : null}
            </p>
          ) : null}
        </div>
        {hideZero && count === 0 ? null : (
          <span className="column-count" aria-hidden>
            {count}
          </span>
        )}
        <span className="sr-only">{countLabel}</span>
        {menu}
      </header>
      {status}
      <div className="column-body">{children}</div>
    </section>
  );
}
