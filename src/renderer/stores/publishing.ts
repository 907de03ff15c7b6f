import { create } from 'zustand';
import type { MissedPolicy } from '../../shared/schedule';
import { getClient, type ClientError, type ClientResult } from '../client';

export interface PublishingSettings {
  missedPolicy: MissedPolicy;
  requireAltText: boolean;
  /** Copies sent to networks keep EXIF/GPS metadata (off by default). */
  keepPhotoMetadata: boolean;
}

interface PublishingStore {
  byWorkspace: Record<string, PublishingSettings | undefined>;
  errors: Record<string, ClientError | undefined>;
  load(workspaceId: string): Promise<void>;
  update(workspaceId: string, patch: Partial<PublishingSettings>): Promise<ClientResult<PublishingSettings>>;
}

/** A workspace's publishing rules (missed posts, alt text, photo metadata), cached per workspace. */
export const usePublishing = create<PublishingStore>((set, get) => ({
  byWorkspace: {},
  errors: {},
  async load(workspaceId) {
    const result = await getClient().invoke('workspace.getPublishing', { id: workspaceId });
    set((s) =>
      result.ok
        ? { byWorkspace: { ...s.byWorkspace, [workspaceId]: result.value }, errors: { ...s.errors, [workspaceId]: undefined } }
        : { errors: { ...s.errors, [workspaceId]: result.error } },
    );
  },
  async update(workspaceId, patch) {
    const previous = get().byWorkspace[workspaceId];
    if (previous) set((s) => ({ byWorkspace: { ...s.byWorkspace, [workspaceId]: { ...previous, ...patch } } }));
    const result = await getClient().invoke('workspace.setPublishing', { id: workspaceId, ...patch });
    set((s) => ({ byWorkspace: { ...s.byWorkspace, [workspaceId]: result.ok ? result.value : previous } }));
    return result;
  },
}));
