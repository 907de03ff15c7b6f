import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { AppDialog } from '../../components/AppDialog';
import { useBoards } from '../../stores/boards';

/** "Nouveau tableau" / "Renommer « Veille »": one name field. */
export function BoardNameDialog({ workspaceId, boardId, onClose }: { workspaceId: string; boardId?: string; onClose(): void }) {
  const { t } = useTranslation();
  const board = useBoards((s) => s.byWorkspace[workspaceId]?.find((b) => b.id === boardId));
  const [name, setName] = useState(board?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('board.nameRequired'));
      return;
    }
    setBusy(true);
    const done = board ? await useBoards.getState().renameBoard(board, trimmed) : (await useBoards.getState().createBoard(workspaceId, trimmed)) !== null;
    setBusy(false);
    if (done) onClose();
  };
  return (
    <AppDialog title={board ? t('board.renameTitle', { name: board.name }) : t('board.newBoard')} onClose={onClose}>
      <Form className="form" onSubmit={(e) => void submit(e)} validationErrors={error ? { name: error } : {}}>
        <TextField name="name" className="field" value={name} onChange={(v) => (setName(v), setError(null))} maxLength={60} autoFocus isInvalid={!!error}>
          <Label className="field-label">{t('board.name')}</Label>
          <Input className="input" placeholder={t('board.namePlaceholder')} />
          <FieldError className="field-error">{error}</FieldError>
        </TextField>
        <div className="form-actions">
          <Button className="btn btn-ghost" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button className="btn btn-primary" type="submit" isPending={busy}>
            {board ? t('board.rename') : t('board.create')}
          </Button>
        </div>
      </Form>
    </AppDialog>
  );
}

export function DeleteBoardDialog({ workspaceId, boardId, onClose }: { workspaceId: string; boardId: string; onClose(): void }) {
  const { t } = useTranslation();
  const board = useBoards((s) => s.byWorkspace[workspaceId]?.find((b) => b.id === boardId));
  if (!board) return null;
  return (
    <AppDialog title={t('board.deleteTitle', { name: board.name })} role="alertdialog" onClose={onClose}>
      <p className="dialog-lead">{t('board.deleteBody', { count: board.columns.length })}</p>
      <div className="form-actions">
        <Button className="btn btn-ghost" onPress={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button className="btn btn-danger" onPress={() => void useBoards.getState().deleteBoard(board).then(onClose)}>
          {t('board.deleteConfirm', { name: board.name })}
        </Button>
      </div>
    </AppDialog>
  );
}
