import { useTranslation } from 'react-i18next';
import { UserRound } from 'lucide-react';
import type { Account } from '../../../shared/domain';
import { useAccounts } from '../../stores/accounts';

const NETWORK_GLYPH: Record<Account['network'], string> = { mastodon: 'M', bluesky: 'B' };

function AccountRow({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <li className="account-row">
      <span className="account-avatar" aria-hidden>
        {(account.displayName || account.handle).slice(0, 1).toUpperCase()}
        <span className={`network-glyph network-${account.network}`}>{NETWORK_GLYPH[account.network]}</span>
      </span>
      <span className="account-names">
        <span className="account-name">{account.displayName || account.handle}</span>
        <span className="account-handle">
          {account.handle} · {t(`networks.${account.network}`)}
        </span>
      </span>
      <span className={`health-dot health-${account.health}`} role="img" aria-label={t(`accounts.health.${account.health}`)} />
    </li>
  );
}

export function AccountsSection({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId]);
  return (
    <div className="rail-section">
      <h2 className="rail-heading" id="rail-accounts">
        {t('accounts.title')}
      </h2>
      {accounts && accounts.length > 0 ? (
        <ul className="account-list" aria-labelledby="rail-accounts">
          {accounts.map((a) => (
            <AccountRow key={a.id} account={a} />
          ))}
        </ul>
      ) : (
        <div className="rail-empty">
          <UserRound size={16} aria-hidden />
          <div>
            <p className="rail-empty-title">{t('accounts.emptyTitle')}</p>
            <p className="rail-hint">{t('accounts.emptyBody')}</p>
          </div>
        </div>
      )}
    </div>
  );
}
