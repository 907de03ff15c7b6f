import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useToasts } from '../../src/renderer/stores/toasts';

beforeEach(() => useToasts.setState({ toasts: [] }));

describe('toasts', () => {
  it('Ctrl/Cmd+Z runs the undo of the newest toast that offers one, once', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { show, undoLatest } = useToasts.getState();
    show({ message: 'Brouillon supprimé', action: { label: 'Annuler', isUndo: true, run: first } });
    show({ message: 'Brouillon supprimé', action: { label: 'Annuler', isUndo: true, run: second } });
    show({ message: 'Brouillon dupliqué' });
    expect(undoLatest()).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual(['Brouillon supprimé', 'Brouillon dupliqué']);
    expect(undoLatest()).toBe(true);
    expect(first).toHaveBeenCalledTimes(1);
    expect(undoLatest()).toBe(false);
  });

  it('stay a few seconds longer when they offer an action', () => {
    const { show } = useToasts.getState();
    show({ message: 'info' });
    show({ message: 'undo', action: { label: 'Annuler', run: () => {} } });
    const [info, undo] = useToasts.getState().toasts;
    expect(undo!.durationMs).toBeGreaterThan(info!.durationMs);
    expect(undo!.durationMs).toBeGreaterThanOrEqual(5000);
  });

  it('never pile up more than three', () => {
    const { show } = useToasts.getState();
    for (let i = 0; i < 5; i++) show({ message: `t${i}` });
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual(['t2', 't3', 't4']);
  });
});
