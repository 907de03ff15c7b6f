import { create } from 'zustand';
import type { Media } from '../../shared/publishing';
import { getClient, type ClientResult } from '../client';

interface MediaStore {
  /** data: URLs from media.thumbnail; 'error' when the core could not make one. */
  thumbnails: Record<string, string | undefined>;
  /** What media.import told about images added in this session (name, type, size). */
  info: Record<string, Media | undefined>;
  loadThumbnail(id: string): Promise<void>;
  importFile(workspaceId: string, file: File): Promise<ClientResult<Media>>;
}

const asking = new Set<string>();

/**
 * Largest image the composer sends to the core. Base64 makes it a third bigger; the web host's
 * WebSocket takes messages of 2 MiB at most, so images over about 1.4 MB cannot travel there.
 */
export const MAX_IMAGE_BYTES = { desktop: 25 * 1024 * 1024, web: 1_450_000 } as const;
export const maxImageBytes = (host: 'desktop' | 'web'): number => MAX_IMAGE_BYTES[host];

/** The file's bytes as base64, without the data: prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export const useMedia = create<MediaStore>((set, get) => ({
  thumbnails: {},
  info: {},
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
  async importFile(workspaceId, file) {
    let dataBase64: string;
    try {
      dataBase64 = await readAsBase64(file);
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: String(error) } };
    }
    const result = await getClient().invoke('media.import', { workspaceId, fileName: file.name || 'image', mime: file.type, dataBase64 });
    if (result.ok) set((s) => ({ info: { ...s.info, [result.value.id]: result.value } }));
    return result;
  },
}));
