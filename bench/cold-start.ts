import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/helpers/chromium';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt } from '../tests/helpers/build';
import { connectRpc, startHost } from '../tests/helpers/host';
import { percentile, round } from './stats';

const DRAFTS = 1000;
const RUNS = 5;

/**
 * From spawning the web host on a data folder holding 1,000 drafts to the board's first
 * painted draft card in Chromium (the browser is already running, as a person's is).
 */
export async function benchColdStart() {
  ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const seedHost = await startHost({ dataDir });
    const rpc = await connectRpc(seedHost);
    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Office de Tourisme de Port-Lumière' });
    for (let i = 0; i < DRAFTS; i++) {
      await rpc.value('draft.save', { id: randomUUID(), workspaceId: ws.id, text: `Brouillon n° ${i} : programme des animations du port, semaine ${i % 52} 🎉` });
    }
    rpc.close();
    await seedHost.stop();

    const toHostReady: number[] = [];
    const toFirstCard: number[] = [];
    const cardsRendered: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage();
      const start = performance.now();
      const host = await startHost({ dataDir });
      toHostReady.push(performance.now() - start);
      // The workspace is remembered per origin; a fresh page on a new port selects the first one.
      await page.goto(host.url);
      await page.getByRole('region', { name: /Brouillons|Drafts/ }).getByRole('listitem').first().waitFor();
      toFirstCard.push(performance.now() - start);
      cardsRendered.push(await page.getByRole('region', { name: /Brouillons|Drafts/ }).getByRole('listitem').count());
      await page.close();
      await host.stop();
    }
    return {
      drafts: DRAFTS,
      runs: RUNS,
      hostReadyMsP50: round(percentile(toHostReady, 50), 1),
      firstDraftCardPaintedMsP50: round(percentile(toFirstCard, 50), 1),
      firstDraftCardPaintedMsMax: round(Math.max(...toFirstCard), 1),
      cardsInTheDom: cardsRendered[0],
    };
  } finally {
    await browser.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
