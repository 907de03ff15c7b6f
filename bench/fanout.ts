import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../src/main/core/app';
import type { Core } from '../src/main/core/types';
import { MemoryKeychain } from '../src/main/core/vault/memory-keychain';
import type { PostView } from '../src/shared/publishing';
import { startMastodonStandIn, type MastodonStandIn } from '../tests/helpers/mastodon';
import { percentile, round } from './stats';

const ACCOUNTS = 10;
const RUNS = 5;

async function value<T>(core: Core, command: string, input: unknown): Promise<T> {
  const result = await core.handle(command, input);
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
  return result.value as T;
}

/**
 * One post fanned out to 10 Mastodon accounts (10 local stand-in servers): time from "publish
 * now" to every status created, against one bare POST /api/v1/statuses to the same kind of server.
 */
export async function benchFanOut() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  const servers: MastodonStandIn[] = [];
  const core = await openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false } });
  try {
    // The fan-out itself is measured, not the undo delay "Publish now" waits by default.
    await value(core, 'settings.update', { publishUndoSeconds: 0 });
    const ws = await value<{ id: string }>(core, 'workspace.create', { name: 'Bench' });
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const server = await startMastodonStandIn({ mediaProcessingPolls: 0 });
      servers.push(server);
      const { attemptId, authorizeUrl } = await value<{ attemptId: string; authorizeUrl: string }>(core, 'account.beginMastodon', { workspaceId: ws.id, instance: server.url });
      const completing = value<{ id: string }>(core, 'account.completeMastodon', { attemptId });
      await fetch(authorizeUrl);
      accounts.push((await completing).id);
    }
    const content = { targets: accounts.map((accountId) => ({ accountId, variant: null })), media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };

    const fanOut: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const id = randomUUID();
      await value(core, 'draft.save', { id, workspaceId: ws.id, text: `Annonce à tous les comptes, essai ${run}`, content });
      const done = new Promise<void>((resolve) => {
        const stop = core.subscribe(async (event) => {
          if (event !== 'posts.changed') return;
          const view = (await value<{ post: PostView }>(core, 'draft.content', { id })).post;
          if (view.targets.length === ACCOUNTS && view.targets.every((t) => t.status === 'sent')) {
            stop();
            resolve();
          }
        });
      });
      const start = performance.now();
      await value(core, 'post.publishNow', { draftId: id });
      await done;
      fanOut.push(performance.now() - start);
    }

    // The same request, bare: one fetch to one server with a token.
    const token = servers[0]!.state.tokens.find((t) => !t.revoked)!.accessToken;
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const res = await fetch(`${servers[0]!.url}/api/v1/statuses`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ status: `Requête nue ${run}`, language: 'fr' }),
      });
      await res.arrayBuffer();
      bare.push(performance.now() - start);
    }
    return {
      accounts: ACCOUNTS,
      runs: RUNS,
      fanOutToAllSentMsP50: round(percentile(fanOut, 50), 1),
      bareRequestMsP50: round(percentile(bare, 50), 1),
      ratio: round(percentile(fanOut, 50) / percentile(bare, 50), 1),
      concurrencyPerNetwork: 3,
    };
  } finally {
    await core.close();
    for (const server of servers) await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
