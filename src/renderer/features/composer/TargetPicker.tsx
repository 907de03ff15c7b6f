import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ToggleButton } from 'react-aria-components';
import { Check, Plus, RotateCw, TriangleAlert } from 'lucide-react';
import { AccountAvatar, atHandle } from '../../components/AccountAvatar';
import { errorText } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import { useUi } from '../../stores/ui';
import { pruneTargets, toggleTarget } from '../../model/content';
import { useComposerAccounts } from './useTargets';

/** "Publier sur": one chip per account of the workspace, pressed when the post goes there. */
export function TargetPicker() {
  const { t } = useTranslation();
  const workspaceId = useComposer((s) => s.workspaceId);
  const content = useComposer((s) => s.content);
  const status = useComposer((s) => s.contentStatus);
  const contentError = useComposer((s) => s.contentError);
  const edit = useComposer((s) => s.edit);
  const reloadContent = useComposer((s) => s.reloadContent);
  const accounts = useComposerAccounts();
  const accountsLoaded = useAccounts((s) => (workspaceId ? s.byWorkspace[workspaceId] !== undefined : false));
  const openDialog = useUi((s) => s.openDialog);

  // A target whose account was removed meanwhile is dropped from the draft.
  useEffect(() => {
    if (status !== 'ready' || !accountsLoaded) return;
    const ids = accounts.map((a) => a.id);
    if (content.targets.some((target) => !ids.includes(target.accountId))) edit(({ content: c }) => ({ content: pruneTargets(c, ids) }));
  }, [status, accountsLoaded, accounts, content.targets, edit]);

  if (status === 'error') {
    return (
      <div className="composer-targets composer-targets-error" role="alert">
        <p>{t('composer.contentFailed', { reason: contentError ? errorText(contentError) : '' })}</p>
        <Button className="btn btn-ghost" onPress={() => void reloadContent()}>
          <RotateCw size={14} aria-hidden />
          <span>{t('common.retry')}</span>
        </Button>
      </div>
    );
  }

  if (accountsLoaded && accounts.length === 0) {
    return (
      <div className="composer-targets">
        <p>{t('composer.noAccounts')}</p>
        {workspaceId ? (
          <Button className="btn btn-ghost" onPress={() => openDialog({ kind: 'addAccount', workspaceId })}>
            <Plus size={14} aria-hidden />
            <span>{t('accounts.add')}</span>
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="target-picker">
      <span id="composer-targets-label" className="field-label">
        {t('composer.targets')}
      </span>
      <div className="target-chips" role="group" aria-labelledby="composer-targets-label" aria-describedby="composer-targets-hint">
        {accounts.map((account) => {
          const selected = content.targets.some((target) => target.accountId === account.id);
          return (
            <ToggleButton
              key={account.id}
              className="target-chip"
              isSelected={selected}
              isDisabled={status !== 'ready'}
              data-account-id={account.id}
              onChange={() => edit(({ content: c }) => ({ content: toggleTarget(c, account.id) }))}
            >
              <AccountAvatar account={account} size="small" />
              <span className="target-handle">{atHandle(account.handle)}</span>
              <span className="sr-only">
                {' '}
                · {t(`networks.${account.network}`)}
                {account.health === 'reconnect_needed' ? ` · ${t('accounts.health.reconnect_needed')}` : ''}
              </span>
              {account.health === 'reconnect_needed' ? <TriangleAlert size={12} aria-hidden className="target-warn" /> : null}
              {selected ? <Check size={12} aria-hidden /> : null}
            </ToggleButton>
          );
        })}
      </div>
      <p id="composer-targets-hint" className="field-hint">
        {status === 'loading' ? t('common.loading') : content.targets.length === 0 ? t('composer.noTargets') : t('composer.targetsHint')}
      </p>
    </div>
  );
}
