import { create } from 'zustand';
import type { Campaign, Label } from '../../shared/calendar/schemas';
import { getClient, type ClientError } from '../client';

/** Each workspace's campaigns and labels (the composer's pickers, the management dialog, filters). */
interface CampaignStore {
  campaigns: Record<string, Campaign[]>;
  labels: Record<string, Label[]>;
  errors: Record<string, ClientError | undefined>;
  load(workspaceId: string): Promise<void>;
}

export const useCampaigns = create<CampaignStore>((set) => ({
  campaigns: {},
  labels: {},
  errors: {},
  async load(workspaceId) {
    const client = getClient();
    const [campaigns, labels] = await Promise.all([client.invoke('campaign.list', { workspaceId }), client.invoke('label.list', { workspaceId })]);
    set((s) => ({
      campaigns: campaigns.ok ? { ...s.campaigns, [workspaceId]: campaigns.value } : s.campaigns,
      labels: labels.ok ? { ...s.labels, [workspaceId]: labels.value } : s.labels,
      errors: { ...s.errors, [workspaceId]: !campaigns.ok ? campaigns.error : !labels.ok ? labels.error : undefined },
    }));
  },
}));
