import { useUi } from '../stores/ui';
import { SettingsDialog } from './settings/SettingsDialog';
import { ShortcutsSheet } from './shortcuts/ShortcutsSheet';
import { VaultSetupDialog, VaultUnlockDialog } from './vault/VaultDialogs';
import { CreateWorkspaceDialog, DeleteWorkspaceDialog, RenameWorkspaceDialog } from './workspaces/WorkspaceDialogs';

/** The one modal dialog open at a time. */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'shortcuts':
      return <ShortcutsSheet onClose={close} />;
    case 'createWorkspace':
      return <CreateWorkspaceDialog onClose={close} />;
    case 'renameWorkspace':
      return <RenameWorkspaceDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'deleteWorkspace':
      return <DeleteWorkspaceDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'vaultSetup':
      return <VaultSetupDialog onClose={close} />;
    case 'vaultUnlock':
      return <VaultUnlockDialog onClose={close} />;
  }
}
