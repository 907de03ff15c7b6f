import { useTranslation } from 'react-i18next';
import { LoaderCircle, Wifi, WifiOff } from 'lucide-react';
import { useConnection } from '../../stores/connection';

/** "Connecté" / "Hors ligne — reconnexion…", announced politely when it changes. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const state = useConnection((s) => s.state);
  const Icon = state === 'online' ? Wifi : state === 'connecting' ? LoaderCircle : WifiOff;
  return (
    <div className={`connection connection-${state}`} role="status" data-testid="connection-status">
      <Icon size={14} aria-hidden className={state === 'connecting' ? 'spin' : undefined} />
      <span>{t(`connection.${state}`)}</span>
    </div>
  );
}
