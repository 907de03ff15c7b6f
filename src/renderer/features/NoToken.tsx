import { useTranslation } from 'react-i18next';
import { KeyRound } from 'lucide-react';
import { EmptyState } from '../components/EmptyState';

/** The web page was opened without the token the host printed. */
export function NoToken() {
  const { t } = useTranslation();
  return (
    <main className="no-token" aria-label="Tribune">
      <EmptyState icon={KeyRound} title={t('connection.noTokenTitle')}>
        <p>{t('connection.noTokenBody')}</p>
      </EmptyState>
    </main>
  );
}
