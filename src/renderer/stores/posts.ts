import { create } from 'zustand';
import type { PostView } from '../../shared/publishing';
import { getClient, type ClientError } from '../client';
import { sortScheduled, sortSent } from '../model/postModel';
import { useMissed } from './missed';

export type PostColumn = 'scheduled' | 'sent';

interface PostStore {
  /** By workspace, then column; undefined until loaded. */
  lists: Record<string, Partial<Record<PostColumn, PostView[]>>>;
  errors: Record<string, Partial<Record<PostColumn, ClientError>>>;
  load(workspaceId: string, column: PostColumn): Promise<void>;
  loadAll(workspaceId: string): Promise<void>;
  /** A post the core just answered with (schedule, cancel, retry): shown before the next list. */
  put(post: PostView): void;
}

const sorted = (column: PostColumn, posts: readonly PostView[]) => (column === 'scheduled' ? sortScheduled(posts) : sortSent(posts));

/** Which column a post belongs to now (null: it went back to the drafts). */
export function columnOf(post: PostView): PostColumn | null {
  if (post.state === 'draft') return null;
  return post.state === 'scheduled' ? 'scheduled' : 'sent';
}

export const usePosts = create<PostStore>((set, get) => ({
  lists: {},
  errors: {},
  async load(workspaceId, column) {
    const result = await getClient().invoke('post.list', { workspaceId, column });
    if (result.ok && column === 'scheduled') {
      // Missed while no window was open to hear posts.missed: the list still shows them waiting.
      const waiting = result.value.flatMap((p) => p.targets.filter((t) => t.status === 'held' && t.heldReason === 'missed').map((t) => t.id));
      if (waiting.length > 0) useMissed.getState().add({ workspaceId, targetIds: waiting });
    }
    set((s) => ({
      lists: result.ok ? { ...s.lists, [workspaceId]: { ...s.lists[workspaceId], [column]: sorted(column, result.value) } } : s.lists,
      errors: { ...s.errors, [workspaceId]: { ...s.errors[workspaceId], [column]: result.ok ? undefined : result.error } },
    }));
  },
  async loadAll(workspaceId) {
    await Promise.all([get().load(workspaceId, 'scheduled'), get().load(workspaceId, 'sent')]);
  },
  put(post) {
    set((s) => {
      const lists = { ...s.lists[post.workspaceId] };
      const target = columnOf(post);
      for (const column of ['scheduled', 'sent'] as const) {
        const list = lists[column];
        if (!list && column !== target) continue;
        const without = (list ?? []).filter((p) => p.draftId !== post.draftId);
        lists[column] = sorted(column, column === target ? [...without, post] : without);
      }
      return { lists: { ...s.lists, [post.workspaceId]: lists } };
    });
  },
}));
