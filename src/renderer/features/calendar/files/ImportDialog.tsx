export function ImportDialog(_props: { workspaceId: string; onClose(): void }) {
  return null;
}
