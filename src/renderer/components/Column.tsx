import type { ComponentType, CSSProperties, ReactNode } from 'react';

interface ColumnProps {
  id: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  title: string;
  count: number;
  /** "3 brouillons": the count as a sentence for screen readers. */
  countLabel: string;
  /** Whose column it is: the workspace's (later the account's) colour as a stripe. */
  color: string;
  children: ReactNode;
}

/** One board column: a named region with an icon, a title and a count. */
export function Column({ id, icon: Icon, title, count, countLabel, color, children }: ColumnProps) {
  const titleId = `column-${id}-title`;
  return (
    <section className="column" aria-labelledby={titleId} data-testid={`column-${id}`} style={{ '--column-color': color } as CSSProperties}>
      <header className="column-header">
        <Icon size={16} aria-hidden />
        <h2 id={titleId} className="column-title">
          {title}
        </h2>
        <span className="column-count" aria-hidden>
          {count}
        </span>
        <span className="sr-only">{countLabel}</span>
      </header>
      <div className="column-body">{children}</div>
    </section>
  );
}
