import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { Account, Network } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { NetworkGlyph } from '../../components/NetworkGlyph';
import { getClient } from '../../client';
import { useAccounts } from '../../stores/accounts';
import { useToasts } from '../../stores/toasts';
import { BlueskyForm } from './BlueskyAccountForm';
import { MastodonFlow } from './MastodonAccountFlow';

interface AddAccountDialogProps {
  workspaceId: string;
  /** Reconnecting this account: the form is filled with what is known of it. */
  reconnectAccountId?: string;
  onClose(): void;
}

export function AddAccountDialog({ workspaceId, reconnectAccountId, onClose }: AddAccountDialogProps) {
  const { t } = useTranslation();
  const reconnecting = useAccounts((s) => (reconnectAccountId ? s.byWorkspace[workspaceId]?.find((a) => a.id === reconnectAccountId) : undefined));
  const [network, setNetwork] = useState<Network>(reconnecting?.network ?? 'bluesky');
  // A Mastodon authorisation under way: closing the dialog cancels it.
  const attempt = useRef<string | null>(null);
  const [waiting, setWaiting] = useState(false);

  const close = () => {
    const id = attempt.current;
    attempt.current = null;
    if (id) void getClient().invoke('account.cancelMastodon', { attemptId: id });
    onClose();
  };

  const connected = (account: Account) => {
    attempt.current = null;
    useAccounts.getState().upsert(account);
    useToasts.getState().show({ message: t(reconnecting ? 'accounts.reconnected' : 'accounts.connected', { handle: atHandle(account.handle) }) });
    onClose();
  };

  return (
    <AppDialog title={reconnecting ? t('accounts.reconnectTitle', { handle: atHandle(reconnecting.handle) }) : t('accounts.addTitle')} onClose={close} size="medium">
      <Tabs className="tabs" selectedKey={network} onSelectionChange={(key) => setNetwork(key as Network)} isDisabled={waiting || !!reconnecting}>
        <TabList className="tab-list" aria-label={t('accounts.networkChoice')}>
          <Tab id="bluesky" className="tab">
            <NetworkGlyph network="bluesky" />
            <span>{t('networks.bluesky')}</span>
          </Tab>
          <Tab id="mastodon" className="tab">
            <NetworkGlyph network="mastodon" />
            <span>{t('networks.mastodon')}</span>
          </Tab>
        </TabList>
        <TabPanel id="bluesky" className="tab-panel">
          <BlueskyForm workspaceId={workspaceId} reconnecting={reconnecting} onConnected={connected} onCancel={close} />
        </TabPanel>
        <TabPanel id="mastodon" className="tab-panel">
          <MastodonFlow
            workspaceId={workspaceId}
            reconnecting={reconnecting}
            setAttempt={(id) => {
              attempt.current = id;
            }}
            isCurrent={(id) => attempt.current === id}
            onWaiting={setWaiting}
            onConnected={connected}
            onCancel={close}
          />
        </TabPanel>
      </Tabs>
    </AppDialog>
  );
}
