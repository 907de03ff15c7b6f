import { create } from 'zustand';
import type { Media } from '../../shared/publishing';
import { getClient, getMediaUploader, type ClientResult } from '../client';

interface MediaStore {
  /** data: URLs from media.thumbnail; 'error' when the core could not make one. */
  thumbnails: Record<string, string | undefined>;
  /** What media.import told about images added in this session (name, type, size). */
  info: Record<string, Media | undefined>;
  /** Images on their way to the core, per version of the post ('main' or an account id), in order. */
  uploads: Record<string, Upload[] | undefined>;
  setUploads(scope: string, update: (list: Upload[]) => Upload[]): void;
  loadThumbnail(id: string): Promise<void>;
  /** Sends the file to the core (bridge or upload route); onProgress gets the fraction sent. */
  importFile(workspaceId: string, file: File, onProgress?: (fraction: number) => void): Promise<ClientResult<Media>>;
}

export interface Upload {
  key: string;
  name: string;
  /** Fraction sent, 0 to 1. */
  fraction: number;
}

const asking = new Set<string>();

export const useMedia = create<MediaStore>((set, get) => ({
  thumbnails: {},
  info: {},
  uploads: {},
  setUploads(scope, update) {
    set((s) => {
      const next = update(s.uploads[scope] ?? []);
      return { uploads: { ...s.uploads, [scope]: next.length ? next : undefined } };
    });
  },
  async loadThumbnail(id) {
    if (get().thumbnails[id] || asking.has(id)) return;
    asking.add(id);
    try {
      const result = await getClient().invoke('media.thumbnail', { id });
      set((s) => ({ thumbnails: { ...s.thumbnails, [id]: result.ok ? result.value.dataUrl : 'error' } }));
    } finally {
      asking.delete(id);
    }
  },
  async importFile(workspaceId, file, onProgress) {
    const result = await getMediaUploader()({ workspaceId, file, ...(onProgress ? { onProgress } : {}) });
    if (result.ok) set((s) => ({ info: { ...s.info, [result.value.id]: result.value } }));
    return result;
  },
}));
