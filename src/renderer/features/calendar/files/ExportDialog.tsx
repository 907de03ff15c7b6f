export function ExportDialog(_props: { workspaceId: string; onClose(): void }) {
  return null;
}
