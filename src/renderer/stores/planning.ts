import { create } from 'zustand';
import type { Comment, PostPlanning } from '../../shared/calendar/schemas';
import type { CommandInput } from '../../shared/contract';
import { getClient, type ClientResult } from '../client';
import { useComposer } from './composer';

type PlanningPatch = Omit<CommandInput<'post.setPlanning'>, 'draftId'>;
export type ReviewAction = 'submit' | 'approve' | 'reject';

/**
 * The composer's editorial side of the open draft: campaign, labels, planned time, review state
 * and comments. `pendingAt` is the time a new post was started at from the calendar: given to the
 * draft once it exists, and only to that composer session (`pendingSession`, the composer's
 * focusRequest when it opened): a composer closed untouched, then opened for another post, does
 * not carry the old slot's time.
 */
interface PlanningStore {
  pendingAt: string | null;
  pendingSession: number | null;
  draftId: string | null;
  planning: PostPlanning | null;
  comments: Comment[];
  prepare(at: string | null): void;
  /** The composer's draft changed (null: closed or not created yet). */
  follow(draftId: string | null): Promise<void>;
  change(patch: PlanningPatch): Promise<ClientResult<PostPlanning>>;
  review(action: ReviewAction, comment?: string): Promise<ClientResult<PostPlanning>>;
  comment(text: string): Promise<ClientResult<Comment>>;
  reload(): Promise<void>;
}

/** The slot time waiting for the composer session `focusRequest` (null: none, or another session's). */
export const pendingTime = (s: Pick<PlanningStore, 'pendingAt' | 'pendingSession'>, focusRequest: number): string | null =>
  s.pendingAt !== null && s.pendingSession === focusRequest ? s.pendingAt : null;

const notOpen = { ok: false as const, error: { code: 'not_found' as const, message: 'No draft is open.' } };

export const usePlanning = create<PlanningStore>((set, get) => ({
  pendingAt: null,
  pendingSession: null,
  draftId: null,
  planning: null,
  comments: [],
  prepare: (pendingAt) => set({ pendingAt, pendingSession: pendingAt ? useComposer.getState().focusRequest : null }),
  async follow(draftId) {
    if (get().draftId === draftId) return;
    set({ draftId, planning: null, comments: [] });
    if (!draftId) return;
    const pendingAt = pendingTime(get(), useComposer.getState().focusRequest);
    if (get().pendingAt) set({ pendingAt: null, pendingSession: null });
    if (pendingAt) {
      // The draft started from a calendar slot now exists: it is planned at that time.
      const planned = await getClient().invoke('post.setPlanning', { draftId, plannedAt: pendingAt });
      if (planned.ok && get().draftId === draftId) set({ planning: planned.value });
    }
    await get().reload();
  },
  async reload() {
    const draftId = get().draftId;
    if (!draftId) return;
    const client = getClient();
    const [planning, comments] = await Promise.all([client.invoke('post.planning', { draftId }), client.invoke('comment.list', { draftId })]);
    if (get().draftId !== draftId) return;
    set({ ...(planning.ok ? { planning: planning.value } : {}), ...(comments.ok ? { comments: comments.value } : {}) });
  },
  async change(patch) {
    const draftId = get().draftId;
    if (!draftId) return notOpen;
    const result = await getClient().invoke('post.setPlanning', { draftId, ...patch });
    if (result.ok && get().draftId === draftId) set({ planning: result.value });
    return result;
  },
  async review(action, comment) {
    const draftId = get().draftId;
    if (!draftId) return notOpen;
    const client = getClient();
    const result =
      action === 'submit'
        ? await client.invoke('review.submit', { draftId })
        : action === 'approve'
          ? await client.invoke('review.approve', { draftId })
          : await client.invoke('review.reject', comment ? { draftId, comment } : { draftId });
    if (result.ok && get().draftId === draftId) set({ planning: result.value });
    if (action === 'reject' && comment) await get().reload();
    return result;
  },
  async comment(text) {
    const draftId = get().draftId;
    if (!draftId) return notOpen;
    const result = await getClient().invoke('comment.add', { id: crypto.randomUUID(), draftId, text });
    if (result.ok && get().draftId === draftId) set((s) => ({ comments: [...s.comments, result.value] }));
    return result;
  },
}));
