/** A click on an empty calendar slot: the composer opens a new post planned at that time (real stores, a recording client). */
import { afterEach, describe, expect, it } from 'vitest';
import { createTypedClient } from '../../src/renderer/client/typedClient';
import type { Transport } from '../../src/renderer/client/types';
import { setClient } from '../../src/renderer/client';
import { newPostAt } from '../../src/renderer/features/calendar/calendarActions';
import { useComposer } from '../../src/renderer/stores/composer';
import { pendingTime, usePlanning } from '../../src/renderer/stores/planning';
import type { Result } from '../../src/shared/result';

const WS = '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const A = '1c9b6a7d-69d6-4f2f-8b6d-8d3a4b9e0f21';
const B = '2dac7b8e-7ae7-4a3a-9c7e-9e4b5c0f1a32';
const SLOT = Date.parse('2027-03-25T10:30:00.000Z');

function recordingClient() {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const planned = new Map<string, string | null>();
  const answer = (command: string, input: Record<string, unknown>): Result<unknown> => {
    if (command === 'post.setPlanning' || command === 'post.planning') {
      const draftId = input.draftId as string;
      if (command === 'post.setPlanning') planned.set(draftId, input.plannedAt as string | null);
      return { ok: true, value: { draftId, kind: 'post', campaignId: null, labelIds: [], plannedAt: planned.get(draftId) ?? null, reviewState: 'draft', requireApproval: false } };
    }
    if (command === 'comment.list') return { ok: true, value: [] };
    return { ok: false, error: { code: 'internal', message: `not in this test: ${command}` } };
  };
  const transport: Transport = {
    host: 'web',
    invoke: (async (command: string, input: unknown) => {
      calls.push({ command, input: input as Record<string, unknown> });
      return answer(command, input as Record<string, unknown>);
    }) as Transport['invoke'],
    on: () => () => {},
    connectionState: () => 'online',
    onConnectionState: () => () => {},
  };
  setClient(createTypedClient(transport, () => {}));
  return calls;
}

afterEach(() => {
  usePlanning.setState({ pendingAt: null, pendingSession: null, draftId: null, planning: null, comments: [] });
  useComposer.setState({ open: false, draftId: null, workspaceId: null });
});

describe('starting a post from an empty calendar slot', () => {
  it('opens the composer on a new post and plans the draft at that time once it exists', async () => {
    const calls = recordingClient();
    await newPostAt(WS, SLOT);
    const composer = useComposer.getState();
    expect(composer).toMatchObject({ open: true, workspaceId: WS, draftId: null });
    // Shown in the composer before anything is typed.
    expect(pendingTime(usePlanning.getState(), composer.focusRequest)).toBe('2027-03-25T10:30:00.000Z');
    // The first save created the draft: it is planned at the slot's time.
    await usePlanning.getState().follow(A);
    expect(calls.filter((c) => c.command === 'post.setPlanning')).toEqual([{ command: 'post.setPlanning', input: { draftId: A, plannedAt: '2027-03-25T10:30:00.000Z' } }]);
    expect(usePlanning.getState().planning?.plannedAt).toBe('2027-03-25T10:30:00.000Z');
    expect(usePlanning.getState().pendingAt).toBeNull();
  });

  it('does not give the slot time to another post when the composer was closed untouched and opened again', async () => {
    const calls = recordingClient();
    await newPostAt(WS, SLOT);
    await useComposer.getState().close(false);
    // "New post" elsewhere (the board, the drafts column): a new composer session.
    await useComposer.getState().openNew(WS);
    expect(pendingTime(usePlanning.getState(), useComposer.getState().focusRequest)).toBeNull();
    await usePlanning.getState().follow(B);
    expect(calls.some((c) => c.command === 'post.setPlanning')).toBe(false);
    expect(usePlanning.getState().pendingAt).toBeNull();
  });
});
