import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build';
import { connectRpc, startHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';

const versionOf = (text: string) => Number(/#(\d+)$/.exec(text)?.[1] ?? -1);

describe('a crash while autosaves are in flight', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('keeps the database intact and the last acknowledged text, across repeated SIGKILLs', async () => {
    const dataDir = tempDir();
    let host = await startHost({ dataDir });
    let rpc = await connectRpc(host);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Train Paris-Lyon' });
    const drafts = [randomUUID(), randomUUID(), randomUUID()];
    let version = 0;
    const lastAcked = new Map<string, number>();

    for (let round = 0; round < 6; round++) {
      // Keystrokes arrive faster than a person types; none is awaited before the next.
      const inFlight: Promise<unknown>[] = [];
      const typing = setInterval(() => {
        for (const id of drafts) {
          const v = ++version;
          const text = `Brouillon écrit dans le train ${'…'.repeat(v % 50)} #${v}`;
          inFlight.push(
            rpc.invoke('draft.save', { id, workspaceId: ws.id, text }).then(
              (r) => {
                if (r.ok) lastAcked.set(id, Math.max(lastAcked.get(id) ?? 0, v));
              },
              () => undefined, // the kill cut this one off: it was never acknowledged
            ),
          );
        }
      }, 2);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 350)));
      await host.kill();
      clearInterval(typing);
      await Promise.all(inFlight);
      expect(lastAcked.size, 'some saves were acknowledged before the kill').toBe(drafts.length);

      const db = new Database(path.join(dataDir, 'tribune.sqlite3'));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const id of drafts) {
        const row = db.prepare('SELECT text FROM drafts WHERE id = ?').get(id) as { text: string };
        expect(versionOf(row.text)).toBeGreaterThanOrEqual(lastAcked.get(id)!);
      }
      db.close();

      host = await startHost({ dataDir, port: host.port });
      rpc = await connectRpc(host);
      const listed = await rpc.value<{ id: string; text: string }[]>('draft.list', { workspaceId: ws.id });
      expect(listed.map((d) => d.id).sort()).toEqual([...drafts].sort());
      for (const d of listed) expect(versionOf(d.text)).toBeGreaterThanOrEqual(lastAcked.get(d.id)!);
    }
    rpc.close();
    await host.stop();
  });
});
