import type { ComponentType, ReactNode } from 'react';

interface EmptyStateProps {
  icon?: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  title: string;
  children?: ReactNode;
  className?: string;
}

/** What will appear here and how to get it. */
export function EmptyState({ icon: Icon, title, children, className }: EmptyStateProps) {
  return (
    <div className={`empty-state ${className ?? ''}`}>
      {Icon ? <Icon size={28} aria-hidden /> : null}
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}
