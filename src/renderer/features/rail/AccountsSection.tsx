import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { CalendarClock, Ellipsis, Plus, RefreshCw, Trash2, UserRound } from 'lucide-react';
import type { Account } from '../../../shared/domain';
import { AccountAvatar, atHandle } from '../../components/AccountAvatar';
import { Tip } from '../../components/Tip';
import { useAccounts } from '../../stores/accounts';
import { useUi } from '../../stores/ui';

function AccountRow({ account }: { account: Account }) {
  const { t } = useTranslation();
  const openDialog = useUi((s) => s.openDialog);
  const handle = atHandle(account.handle);
  const needsReconnect = account.health === 'reconnect_needed';
  const reconnect = () => openDialog({ kind: 'addAccount', workspaceId: account.workspaceId, reconnectAccountId: account.id });
  const healthId = `account-health-${account.id}`;
  return (
    <li className={`account-row ${needsReconnect ? 'needs-reconnect' : ''}`} data-account-id={account.id}>
      <div className="account-main">
        <AccountAvatar account={account} />
        <span className="account-names" title={`${account.displayName ? `${account.displayName} · ` : ''}${handle}`}>
          <span className="account-name">{account.displayName || handle}</span>
          <span className="account-handle">
            {handle} · {t(`networks.${account.network}`)}
          </span>
        </span>
        <span id={healthId} className={`health-dot health-${account.health}`} role="img" aria-label={t(`accounts.health.${account.health}`)} />
        <MenuTrigger>
          <Button className="btn btn-ghost btn-icon account-more" aria-label={t('accounts.actionsFor', { handle })}>
            <Ellipsis size={16} aria-hidden />
          </Button>
          <Popover className="popover" placement="bottom end">
            <Menu
              className="menu"
              onAction={(key) => {
                if (key === 'slots') openDialog({ kind: 'slots', accountId: account.id });
                else if (key === 'reconnect') reconnect();
                else if (key === 'remove') openDialog({ kind: 'removeAccount', accountId: account.id });
              }}
            >
              <MenuItem id="slots" className="menu-item" textValue={t('accounts.slots')}>
                <CalendarClock size={14} aria-hidden />
                <span>{t('accounts.slots')}</span>
              </MenuItem>
              <MenuItem id="reconnect" className="menu-item" textValue={t('accounts.reconnectMenu')}>
                <RefreshCw size={14} aria-hidden />
                <span>{t('accounts.reconnectMenu')}</span>
              </MenuItem>
              <MenuItem id="remove" className="menu-item menu-item-danger" textValue={t('accounts.remove')}>
                <Trash2 size={14} aria-hidden />
                <span>{t('accounts.remove')}</span>
              </MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
      </div>
      {needsReconnect ? (
        <div className="account-warning">
          <span>{t('accounts.health.reconnect_needed')}</span>
          <Button className="btn btn-link" aria-label={t('accounts.reconnectFor', { handle })} onPress={reconnect}>
            {t('accounts.reconnect')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

export function AccountsSection({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId]);
  const openDialog = useUi((s) => s.openDialog);
  const add = () => openDialog({ kind: 'addAccount', workspaceId });
  return (
    <div className="rail-section">
      <div className="rail-heading-row">
        <h2 className="rail-heading" id="rail-accounts">
          {t('accounts.title')}
        </h2>
        {accounts && accounts.length > 0 ? (
          <Tip label={t('accounts.add')} placement="end">
            <Button className="btn btn-ghost btn-icon" aria-label={t('accounts.add')} onPress={add}>
              <Plus size={16} aria-hidden />
            </Button>
          </Tip>
        ) : null}
      </div>
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
            <Button className="btn btn-primary rail-add-account" onPress={add}>
              <Plus size={14} aria-hidden />
              <span>{t('accounts.add')}</span>
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
