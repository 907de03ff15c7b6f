import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { RotateCw } from 'lucide-react';

/** What could not be read (a column, a board, a dialog's data), said at once, and a button to read it again. */
export function LoadError({ message, onRetry, className }: { message: string; onRetry(): void; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className ? `column-error ${className}` : 'column-error'} role="alert">
      <p>{message}</p>
      <Button className="btn btn-ghost" onPress={onRetry}>
        <RotateCw size={14} aria-hidden />
        <span>{t('common.retry')}</span>
      </Button>
    </div>
  );
}
