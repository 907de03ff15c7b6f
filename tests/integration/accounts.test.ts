/**
 * Accounts through the core, against the Mastodon stand-in: connecting (loopback and pasted
 * code), what the renderer can see (never a token), removal (revoked, secrets deleted, history
 * kept unless asked).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import type { Core } from '../../src/main/core/types';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { COMMAND_NAMES } from '../../src/shared/contract';
import type { PostView } from '../../src/shared/publishing';
import { startMastodonStandIn, type MastodonStandIn, type MastodonStandInOptions } from '../helpers/mastodon';
import { tempDir } from '../helpers/temp';

let core: Core | undefined;
let server: MastodonStandIn | undefined;

afterEach(async () => {
  await core?.close();
  await server?.close();
  server?.assertNoViolations();
  core = undefined;
  server = undefined;
});

async function value<T>(command: string, input: unknown): Promise<T> {
  const result = await core!.handle(command, input);
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function setup(options: MastodonStandInOptions = {}) {
  server = await startMastodonStandIn({ mediaProcessingPolls: 0, limits: { maxCharacters: 1000 }, ...options });
  const dataDir = tempDir();
  // In-memory keychain double; the real Secret Service is covered in vault-keychain.test.ts.
  core = await openCore({ dataDir, host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false } });
  // "Publish now" goes at once here (its undo delay is tested in publishing-replan.test.ts and the e2e suite).
  await value('settings.update', { publishUndoSeconds: 0 });
  const ws = await value<{ id: string }>('workspace.create', { name: 'Musée du Port' });
  return { dataDir, ws };
}

async function connectThroughBrowser(workspaceId: string) {
  const { attemptId, authorizeUrl } = await value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId, instance: server!.url });
  const completing = value<{ id: string; handle: string; health: string; serviceUrl: string }>('account.completeMastodon', { attemptId });
  const page = await fetch(authorizeUrl); // the browser follows the redirect to Tribune's loopback listener
  expect(page.status).toBe(200);
  return completing;
}

const liveTokens = () => server!.state.tokens.filter((t) => !t.revoked).map((t) => t.accessToken);

describe('Mastodon accounts', () => {
  it('connects through the browser and never shows its token to the renderer or writes it in clear', async () => {
    const { dataDir, ws } = await setup();
    const account = await connectThroughBrowser(ws.id);
    expect(account).toMatchObject({ health: 'ok', serviceUrl: server!.url });
    expect(account.handle).toMatch(/^tribune@/);
    const [token] = liveTokens();
    expect(token).toBeTruthy();

    // Every read the renderer can make, after a post went out.
    const draftId = randomUUID();
    const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };
    await value('draft.save', { id: draftId, workspaceId: ws.id, text: 'Nocturne au musée jeudi', content });
    await value('post.publishNow', { draftId });
    await expect.poll(async () => (await value<{ post: PostView }>('draft.content', { id: draftId })).post.targets[0]?.status, { timeout: 10_000 }).toBe('sent');
    const reads: [string, unknown][] = [
      ['app.info', {}],
      ['vault.status', {}],
      ['workspace.list', {}],
      ['account.list', { workspaceId: ws.id }],
      ['account.capabilities', { id: account.id }],
      ['account.getSlots', { id: account.id }],
      ['draft.content', { id: draftId }],
      ['post.list', { workspaceId: ws.id, column: 'sent' }],
      ['post.list', { workspaceId: ws.id, column: 'scheduled' }],
    ];
    expect(reads.every(([name]) => (COMMAND_NAMES as readonly string[]).includes(name))).toBe(true);
    for (const [name, input] of reads) {
      const answer = JSON.stringify(await core!.handle(name, input));
      expect(answer, name).not.toContain(token);
    }
    // Nor in the database, its WAL or anything else in the data folder.
    await core!.close();
    core = undefined;
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(file.parentPath, file.name));
      expect(bytes.includes(Buffer.from(token!)), file.name).toBe(false);
    }
  });

  it('reads the instance’s own limits and keeps them for offline composing', async () => {
    const { ws } = await setup();
    const account = await connectThroughBrowser(ws.id);
    const capabilities = await value<{ text: { maxCharacters: number } }>('account.capabilities', { id: account.id });
    expect(capabilities.text.maxCharacters).toBe(1000);
    // The instance goes away: the cached limits still drive validation.
    await server!.close();
    const draftId = randomUUID();
    await value('draft.save', {
      id: draftId,
      workspaceId: ws.id,
      text: 'é'.repeat(900),
      content: { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts: null },
    });
    expect(await value('post.validate', { draftId })).toEqual([]);
  });

  it('connects with a pasted code when the browser cannot come back', async () => {
    const { ws } = await setup();
    const { attemptId, outOfBandUrl } = await value<{ attemptId: string; outOfBandUrl: string }>('account.beginMastodon', { workspaceId: ws.id, instance: server!.url });
    const page = await (await fetch(outOfBandUrl)).text();
    const code = /<code id="code">([^<]+)<\/code>/.exec(page)?.[1];
    expect(code).toBeTruthy();
    const account = await value<{ health: string }>('account.completeMastodon', { attemptId, code });
    expect(account.health).toBe('ok');
    expect(await core!.handle('account.completeMastodon', { attemptId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'connection_attempt_expired' } });
  });

  it('names an account with its instance’s handle domain, and keeps talking to the API host', async () => {
    const { ws } = await setup({ handleDomain: 'musee-du-port.example' });
    const account = await connectThroughBrowser(ws.id);
    expect(account).toMatchObject({ handle: 'tribune@musee-du-port.example', serviceUrl: server!.url, health: 'ok' });
  });

  it('a refusal sent back without its state ends the connection at once, with its own code', async () => {
    const { ws } = await setup({ denyAuthorization: 'withoutState' });
    const { attemptId, authorizeUrl } = await value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId: ws.id, instance: server!.url });
    const completing = core!.handle('account.completeMastodon', { attemptId });
    await fetch(authorizeUrl);
    expect(await completing).toMatchObject({ ok: false, error: { code: 'authorization_refused' } });
    expect(await value('account.list', { workspaceId: ws.id })).toEqual([]);
    // The attempt is over.
    expect(await core!.handle('account.completeMastodon', { attemptId })).toMatchObject({ ok: false, error: { code: 'connection_attempt_expired' } });
  });

  it.each([false, true])('removing an account revokes its token and deletes its secrets (history deleted: %s)', async (deleteHistory) => {
    const { dataDir, ws } = await setup();
    const account = await connectThroughBrowser(ws.id);
    const draftId = randomUUID();
    const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts: null };
    await value('draft.save', { id: draftId, workspaceId: ws.id, text: 'Dernière publication', content });
    await value('post.publishNow', { draftId });
    await expect.poll(async () => (await value<PostView[]>('post.list', { workspaceId: ws.id, column: 'sent' })).length, { timeout: 10_000 }).toBe(1);
    expect(liveTokens()).toHaveLength(1);

    await value('account.remove', { id: account.id, deleteHistory });
    expect(liveTokens()).toEqual([]);
    expect(await value('account.list', { workspaceId: ws.id })).toEqual([]);
    const db = new Database(path.join(dataDir, 'tribune.sqlite3'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM secrets WHERE account_id = ?').get(account.id)).toEqual({ n: 0 });
    db.close();
    const sent = await value<PostView[]>('post.list', { workspaceId: ws.id, column: 'sent' });
    expect(sent.flatMap((p) => p.targets)).toHaveLength(deleteHistory ? 0 : 1);
  });
});
