import { useMissed } from '../stores/missed';
import { useUi } from '../stores/ui';
import { AddColumnDialog } from './board/AddColumnDialog';
import { BoardNameDialog, DeleteBoardDialog } from './board/BoardDialogs';
import { AddAccountDialog } from './accounts/AddAccountDialog';
import { CampaignsDialog } from './calendar/CampaignsDialog';
import { ExportDialog } from './calendar/files/ExportDialog';
import { ImportDialog } from './calendar/files/ImportDialog';
import { CalDavDialog } from './calendar/files/CalDavDialog';
import { RemoveAccountDialog } from './accounts/RemoveAccountDialog';
import { SlotsDialog } from './accounts/SlotsDialog';
import { MissedDialog } from './publishing/MissedDialog';
import { PublishingSettingsDialog } from './publishing/PublishingSettingsDialog';
import { ScheduleDialog } from './publishing/ScheduleDialog';
import { SettingsDialog } from './settings/SettingsDialog';
import { DeleteRemoteDialog } from './posts/DeleteRemoteDialog';
import { ModerationDialog } from './moderation/ModerationDialog';
import { ShortcutsSheet } from './shortcuts/ShortcutsSheet';
import { VaultSetupDialog, VaultUnlockDialog } from './vault/VaultDialogs';
import { CreateWorkspaceDialog, DeleteWorkspaceDialog, RenameWorkspaceDialog } from './workspaces/WorkspaceDialogs';

/** The one modal dialog open at a time; missed posts wait until no other dialog is open. */
export function Dialogs() {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.closeDialog);
  const missed = useMissed((s) => s.pending[0]);
  if (!dialog) return missed ? <MissedDialog key={missed.workspaceId} batch={missed} /> : null;
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
    case 'addAccount':
      return <AddAccountDialog workspaceId={dialog.workspaceId} reconnectAccountId={dialog.reconnectAccountId} onClose={close} />;
    case 'slots':
      return <SlotsDialog accountId={dialog.accountId} onClose={close} />;
    case 'removeAccount':
      return <RemoveAccountDialog accountId={dialog.accountId} onClose={close} />;
    case 'publishingSettings':
      return <PublishingSettingsDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'schedule':
      return <ScheduleDialog draftId={dialog.draftId} workspaceId={dialog.workspaceId} scheduledAt={dialog.scheduledAt} reschedule={dialog.reschedule ?? false} onClose={close} />;
    case 'campaigns':
      return <CampaignsDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'calendarImport':
      return <ImportDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'calendarExport':
      return <ExportDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'caldav':
      return <CalDavDialog workspaceId={dialog.workspaceId} onClose={close} />;
    case 'addColumn':
      return <AddColumnDialog workspaceId={dialog.workspaceId} boardId={dialog.boardId} preset={dialog.preset} onClose={close} />;
    case 'boardName':
      return <BoardNameDialog workspaceId={dialog.workspaceId} boardId={dialog.boardId} onClose={close} />;
    case 'deleteBoard':
      return <DeleteBoardDialog workspaceId={dialog.workspaceId} boardId={dialog.boardId} onClose={close} />;
    case 'deleteRemote':
      return <DeleteRemoteDialog draftId={dialog.draftId} targetId={dialog.targetId} onClose={close} />;
    case 'moderation':
      return <ModerationDialog request={dialog.request} onClose={close} />;
  }
}
