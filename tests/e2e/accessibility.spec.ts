import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';

const seriousOrCritical = async (page: import('@playwright/test').Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // React Aria's live announcer (a hidden role=log holding role=img nodes labelled by text it
    // has already removed) is how it speaks to screen readers; axe reads its emptied nodes as
    // unlabelled images. Only that announcer is left out, nothing of Tribune's own markup.
    .exclude('[role="log"][aria-live="assertive"]')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
};

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the board and the composer have no serious or critical accessibility violation (${colorScheme})`, async ({ tribune, page }, testInfo) => {
    await page.emulateMedia({ colorScheme });
    expect(await seriousOrCritical(page), 'empty state').toEqual([]);
    await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
    await tribune.writeDraft('Les feux du port ce soir à 21 h ✨');
    expect(await seriousOrCritical(page), 'composer open').toEqual([]);
    await tribune.closeComposer();
    await tribune.writeDraft('Fermeture exceptionnelle de l’office lundi');
    await tribune.closeComposer();
    expect(await seriousOrCritical(page), 'board with drafts').toEqual([]);

    // The board, kept as an artifact of the run.
    const file = path.join('test-results', 'screenshots', `board-${colorScheme}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`board-${colorScheme}`, { path: file, contentType: 'image/png' });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
}
