/**
 * Rough edges of the composer and its dialogs, on the screen: each was met in a trial as a
 * community manager would use Tribune.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectRpc, startHost } from '../helpers/host';
import { TribunePage } from './pages/tribune';
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();
/** Another instance, for a workspace's second account. */
const second = useMastodonStandIn({ account: { username: 'halle' } });

/** Connects the stand-in's account through OAuth, as a person does (see mastodon.spec.ts). */
async function connectMastodon(tribune: TribunePage) {
  await tribune.connectMastodon(mastodon.server.url);
  await expect(tribune.rail).toContainText('tribune@');
}

/** "YYYY-MM-DD" n days from today in the page's zone (the workspace's is the same: see playwright.config). */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a post too heavy in bytes says bytes, not characters', async ({ tribune }) => {
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.writeDraft('Bonjour');
  await tribune.composer.getByRole('switch', { name: /Fil de publications/ }).click();
  const part = tribune.composer.getByRole('textbox', { name: 'Partie 1 sur 1' });
  // 150 family emoji: 150 characters of Bluesky's 300, but 25 bytes each (3,750 of 3,000).
  await part.fill('👨‍👩‍👧‍👦'.repeat(150));
  const counter = tribune.composer.locator('.thread-part').first().locator('.counter');
  await expect(counter.getByTestId('counter')).toHaveText('3750/3000 octets');
  await expect(counter).toHaveClass(/counter-over/);
  await expect(counter.locator('.sr-only')).toHaveText('Partie 1 sur 1 : 3750 octets sur 3000, limite dépassée');
  await expect(counter).not.toContainText('caractères');
  // Within both limits again: characters, as before.
  await part.fill('Bonjour le port');
  await expect(counter.getByTestId('counter')).toHaveText('15/300');
});

test('scheduling: a past time is said once, and the focus goes to the scheduled card, not the page', async ({ tribune, page }) => {
  await tribune.createWorkspace('Brasserie du Port');
  await connectMastodon(tribune);
  await tribune.writeDraft('Moules-frites ce midi');
  await expect(tribune.targetChip(/@tribune@/)).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.waitSaved();

  await tribune.composer.getByRole('button', { name: 'Programmer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Programmer la publication' });
  await dialog.getByLabel('Date').fill(dayFromToday(-2));
  const past = dialog.getByText('Ce moment est déjà passé : choisissez une date à venir.');
  await expect(past).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Programmer', exact: true }).click();
  // Tried anyway: the same line turns into an alert; it is not repeated.
  await expect(past).toHaveCount(1);
  await expect(dialog.getByRole('alert')).toHaveText('Ce moment est déjà passé : choisissez une date à venir.');
  await expect(dialog.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Date').fill(dayFromToday(2));
  await expect(past).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Programmer', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(tribune.composer).toBeHidden();
  const scheduled = page.getByRole('region', { name: 'Programmés' });
  const card = scheduled.locator('[data-roving-item]').filter({ hasText: 'Moules-frites ce midi' });
  await expect(card).toBeFocused();
  // It stays there: once the draft has left Drafts and every refresh the scheduling caused has
  // come back and been drawn, nothing moved it to the page.
  await expect(tribune.card('Moules-frites ce midi')).toHaveCount(0);
  await expect.poll(() => tribune.rpc.settled()).toBe(true);
  await tribune.nextFrames();
  await expect(card).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test.describe('in a browser set to English, with the web host in French', () => {
  test.use({ locale: 'en-US' });

  test('"system language" follows the browser, not the host process', async ({ tribune, host }) => {
    // The host process runs in French (LANG=fr_FR.UTF-8, tests/helpers/host.ts) and says so.
    const rpc = await connectRpc(host.current);
    expect(await rpc.value('app.info', {})).toMatchObject({ host: 'web', systemLanguage: 'fr' });
    rpc.close();
    await expect(tribune.page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(tribune.page.getByRole('button', { name: 'Create my first workspace' })).toBeVisible();
    await expect(tribune.connection).toHaveText(/Connected/);
  });
});

test('in the sandbox, adding a Bluesky account comes with the sandbox server filled in', async ({ page }) => {
  // A web host started as `npm run demo` starts it (sandbox/tribune.ts); the address is never contacted here.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-'));
  const pds = 'http://127.0.0.1:2583';
  const sandboxHost = await startHost({ dataDir, env: { TRIBUNE_SANDBOX: '1', TRIBUNE_SANDBOX_PDS_URL: pds } });
  try {
    const tribune = new TribunePage(page);
    await tribune.open(sandboxHost.url);
    await tribune.createWorkspace('Office de Tourisme (bac à sable)');
    await tribune.rail.getByRole('button', { name: /Ajouter un compte/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
    await dialog.getByRole('tab', { name: 'Bluesky' }).click();
    const server = dialog.getByRole('textbox', { name: 'Serveur (PDS) auto-hébergé' });
    await expect(server).toBeVisible(); // the advanced options are open
    await expect(server).toHaveValue(pds);
    await expect(dialog).toContainText('Le serveur du bac à sable, déjà rempli');
  } finally {
    await sandboxHost.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('outside the sandbox, the server field stays empty', async ({ tribune, page }) => {
  await tribune.createWorkspace('Office de Tourisme');
  await tribune.rail.getByRole('button', { name: /Ajouter un compte/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
  await dialog.getByRole('tab', { name: 'Bluesky' }).click();
  await dialog.getByText('Options avancées').click();
  await expect(dialog.getByRole('textbox', { name: 'Serveur (PDS) auto-hébergé' })).toHaveValue('');
});

test('after the text is replaced, the old text\'s red reason goes at once and does not come back', async ({ tribune }) => {
  await tribune.createWorkspace('Brasserie du Port');
  await connectMastodon(tribune);
  await tribune.writeDraft('Menu');
  await expect(tribune.targetChip(/@tribune@/)).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  const check = tribune.composer.getByTestId('target-check');
  const blocked = check.locator('.reason-block');

  // The core's check (post.validate, asked after a save) of the text saved last has answered.
  const checkedAfterSaving = (text: string) => () => tribune.rpc.answeredAfter('post.validate', (e) => e.command === 'draft.save' && (e.input as { text?: string }).text === text);

  // Over the stand-in's 500 characters: blocked, and the core's answer for it arrives too.
  const long = 'Moules-frites, '.repeat(40);
  await tribune.composerText.fill(long);
  await expect(blocked).toHaveCount(1);
  await tribune.waitSaved();
  await expect.poll(checkedAfterSaving(long)).toBe(true);
  await tribune.nextFrames();
  await expect(blocked).toHaveCount(1);

  // Replaced by a short text: the reason goes at once, from the page's own count, before the new
  // text is even sent to be saved (the page notes which of the two comes first).
  await tribune.page.evaluate(() => {
    const order: string[] = ((window as unknown as { __order: string[] }).__order = []);
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
      if (typeof data === 'string' && data.includes('"command":"draft.save"')) order.push('save sent');
      send.call(this, data);
    };
    new MutationObserver(() => {
      if (!order.includes('reason gone') && !document.querySelector('[data-testid="target-check"] .reason-block')) order.push('reason gone');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await tribune.composerText.fill('Moules-frites ce midi');
  await expect(blocked).toHaveCount(0);
  await expect.poll(() => tribune.page.evaluate(() => (window as unknown as { __order: string[] }).__order)).toContain('save sent');
  expect(await tribune.page.evaluate(() => (window as unknown as { __order: string[] }).__order)).toEqual(['reason gone', 'save sent']);
  await expect(check).toHaveClass(/is-ready/);
  // Neither the save nor a late answer about the old text brings it back: every check asked has
  // answered, the last one about the new text, and the page has drawn them.
  await tribune.waitSaved();
  await expect.poll(checkedAfterSaving('Moules-frites ce midi')).toBe(true);
  await expect.poll(() => tribune.rpc.settled('post.validate')).toBe(true);
  await tribune.nextFrames();
  await expect(blocked).toHaveCount(0);
});

test('a new post goes to the workspace\'s only account; with a second account the person chooses', async ({ tribune, page }) => {
  await tribune.createWorkspace('Brasserie du Port');
  await connectMastodon(tribune);
  const tribuneChip = tribune.targetChip(/@tribune@/);
  const publishNow = tribune.composer.getByRole('button', { name: 'Publier maintenant' });

  // One account: chosen from the start, so the written post can go at once.
  await tribune.writeDraft('Moules-frites ce midi');
  await expect(tribuneChip).toHaveAttribute('aria-pressed', 'true');
  await expect(tribune.composer).toContainText('Le choix est enregistré avec le brouillon.');
  await expect(publishNow).toBeEnabled();
  // Still the person's choice: taken out, the text stays a draft.
  await tribuneChip.click();
  await expect(tribuneChip).toHaveAttribute('aria-pressed', 'false');
  await expect(publishNow).toBeDisabled();
  await tribune.closeComposer();

  // Two accounts: nothing is chosen for the person.
  await tribune.connectMastodon(second.server.url);
  await expect(tribune.rail).toContainText('halle@');
  await tribune.writeDraft('Arrivage de sardines');
  await expect(tribuneChip).toHaveAttribute('aria-pressed', 'false');
  await expect(tribune.targetChip(/@halle@/)).toHaveAttribute('aria-pressed', 'false');
  await expect(tribune.composer).toContainText('Aucun compte choisi : ce texte reste un brouillon.');
  await expect(page.getByText('Choisissez au moins un compte pour publier.')).toBeVisible();
  await expect(publishNow).toBeDisabled();
});
