import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../tests/helpers/build';
import { connectRpc, startHost } from '../tests/helpers/host';
import { percentile, round } from './stats';

const SAVES = 1000;

/** Draft autosave round trip through the real web host (WebSocket, contract validation, SQLite commit with synchronous=FULL). */
export async function benchAutosave() {
  ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  const host = await startHost({ dataDir });
  try {
    const rpc = await connectRpc(host);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Bench' });
    const id = randomUUID();
    const samples: number[] = [];
    let text = '';
    for (let i = 0; i < SAVES; i++) {
      text += i % 7 === 0 ? ' ' : 'é';
      const start = performance.now();
      const result = await rpc.invoke('draft.save', { id, workspaceId: ws.id, text });
      samples.push(performance.now() - start);
      if (!result.ok) throw new Error(result.error.message);
    }
    rpc.close();
    return { saves: SAVES, p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), maxMs: round(Math.max(...samples)) };
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
