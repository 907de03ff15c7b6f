import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/shared/domain';
import { createDraftBackup, DRAFT_BACKUP_PREFIX } from '../../src/renderer/model/draftBackup';
import { EMPTY_DRAFT_CONTENT } from '../../src/shared/publishing';
import { draftPreview, mergeFreshDrafts, sortDrafts, upsertDraft } from '../../src/renderer/model/draftList';

class MemoryStorage {
  data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const WS = '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const draft = (id: string, updatedAt: string, revision = 1, text = id): Draft => ({
  id,
  workspaceId: WS,
  text,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt,
  revision,
});

describe('unsaved text backup (sessionStorage)', () => {
  it('keeps typed text until the core acknowledged that exact text', () => {
    const storage = new MemoryStorage();
    const backup = createDraftBackup(storage);
    backup.keep({ id: 'd1', workspaceId: WS, text: 'Hello' });
    backup.keep({ id: 'd1', workspaceId: WS, text: 'Hello world' });
    backup.acknowledge('d1', 'Hello'); // an older save came back: the newer text is still unsaved
    expect(backup.get('d1')?.text).toBe('Hello world');
    backup.acknowledge('d1', 'Hello world');
    expect(backup.get('d1')).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('keeps the content (targets, images) with the text, and checks it when reading it back', () => {
    const storage = new MemoryStorage();
    const backup = createDraftBackup(storage);
    const content = { ...EMPTY_DRAFT_CONTENT, targets: [{ accountId: '00000000-0000-4000-8000-00000000000a', variant: null }] };
    backup.keep({ id: 'd1', workspaceId: WS, text: 'Hello', content });
    expect(createDraftBackup(storage).get('d1')?.content).toEqual(content);
    backup.acknowledge('d1', 'Hello', EMPTY_DRAFT_CONTENT); // same text, older content: still unsaved
    expect(backup.get('d1')).not.toBeNull();
    backup.acknowledge('d1', 'Hello', content);
    expect(backup.get('d1')).toBeNull();
    storage.setItem(`${DRAFT_BACKUP_PREFIX}d2`, JSON.stringify({ id: 'd2', workspaceId: WS, text: 't', content: { targets: 'nope' } }));
    expect(createDraftBackup(storage).get('d2')).toEqual({ id: 'd2', workspaceId: WS, text: 't' });
  });

  it('finds what a previous page left behind (reload before the save came back)', () => {
    const storage = new MemoryStorage();
    createDraftBackup(storage).keep({ id: 'd1', workspaceId: WS, text: 'typed before reload' });
    storage.setItem('unrelated', 'x');
    storage.setItem(`${DRAFT_BACKUP_PREFIX}broken`, '{not json');
    const afterReload = createDraftBackup(storage);
    expect(afterReload.all()).toEqual([{ id: 'd1', workspaceId: WS, text: 'typed before reload' }]);
  });

  it('still remembers in memory when the storage refuses to write', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const backup = createDraftBackup(storage);
    backup.keep({ id: 'd1', workspaceId: WS, text: 'big text' });
    expect(backup.get('d1')?.text).toBe('big text');
    expect(backup.all()).toHaveLength(1);
  });

  it('works without any storage', () => {
    const backup = createDraftBackup(null);
    backup.keep({ id: 'd1', workspaceId: WS, text: 't' });
    expect(backup.all()).toHaveLength(1);
    backup.forget('d1');
    expect(backup.all()).toHaveLength(0);
  });
});

describe('drafts column list', () => {
  it('shows the newest first', () => {
    const list = sortDrafts([draft('a', '2026-01-01T10:00:00.000Z'), draft('b', '2026-01-03T10:00:00.000Z'), draft('c', '2026-01-02T10:00:00.000Z')]);
    expect(list.map((d) => d.id)).toEqual(['b', 'c', 'a']);
  });

  it('puts an acknowledged save in place and moves it to the top', () => {
    const list = [draft('a', '2026-01-02T00:00:00.000Z'), draft('b', '2026-01-01T00:00:00.000Z')];
    const next = upsertDraft(list, draft('b', '2026-01-03T00:00:00.000Z', 2, 'edited'));
    expect(next.map((d) => [d.id, d.text])).toEqual([
      ['b', 'edited'],
      ['a', 'a'],
    ]);
  });

  it('ignores a stale acknowledgement (lower revision than what it shows)', () => {
    const list = [draft('a', '2026-01-02T00:00:00.000Z', 5, 'newest')];
    expect(upsertDraft(list, draft('a', '2026-01-01T00:00:00.000Z', 4, 'older'))[0]?.text).toBe('newest');
  });

  it('takes the fresh list as the truth about which drafts exist, keeping newer local revisions', () => {
    const local = [draft('a', '2026-01-05T00:00:00.000Z', 7, 'local newer'), draft('gone', '2026-01-01T00:00:00.000Z')];
    const fresh = [draft('a', '2026-01-04T00:00:00.000Z', 6, 'server older'), draft('new', '2026-01-03T00:00:00.000Z')];
    const merged = mergeFreshDrafts(fresh, local);
    expect(merged.map((d) => [d.id, d.text])).toEqual([
      ['a', 'local newer'],
      ['new', 'new'],
    ]);
  });

  it('previews a draft on one line, shortened with an ellipsis', () => {
    expect(draftPreview('  Hello\n\n  world  ')).toBe('Hello world');
    expect(draftPreview('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
  });
});
