export function CampaignsDialog(_props: { workspaceId: string; onClose(): void }) {
  return null;
}
