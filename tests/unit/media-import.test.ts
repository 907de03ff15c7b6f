/**
 * media.import (the desktop bridge's path) and the core's side of the upload route: one size
 * limit, the type read from the bytes, the original kept byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { MAX_IMAGE_FILE_BYTES } from '../../src/shared/media';
import type { Media } from '../../src/shared/publishing';
import { manualClock, tempDir } from '../helpers/temp';

async function open() {
  const dir = tempDir();
  const core = await openCore({ dataDir: dir, host: 'desktop', keychain: new MemoryKeychain(), clock: manualClock() });
  const ws = await core.handle('workspace.create', { name: 'Office de Tourisme' });
  if (!ws.ok) throw new Error(ws.error.message);
  return { core, dir, workspaceId: (ws.value as { id: string }).id };
}

const importBytes = (core: Awaited<ReturnType<typeof open>>['core'], workspaceId: string, fileName: string, mime: string, data: Buffer) =>
  core.handle('media.import', { workspaceId, fileName, mime, dataBase64: data.toString('base64') });

describe('adding an image', () => {
  it('keeps the original byte for byte, typed from its bytes, not its name', async () => {
    const { core, dir, workspaceId } = await open();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const result = await importBytes(core, workspaceId, 'photo.png', 'image/png', jpeg);
    expect(result).toMatchObject({ ok: true, value: { mime: 'image/jpeg', bytes: jpeg.length, width: 64, height: 48, fileName: 'photo.png' } });
    const media = (result as { value: Media }).value;
    expect(fs.readFileSync(path.join(dir, 'media', `${media.id}.jpg`)).equals(jpeg)).toBe(true);
    await core.close();
  });

  it('says a text file renamed .png is not an image, and that a TIFF is not a type Tribune takes', async () => {
    const { core, dir, workspaceId } = await open();
    const text = Buffer.from('Compte rendu de réunion, pas une image.\n');
    expect(await importBytes(core, workspaceId, 'notes.png', 'image/png', text)).toMatchObject({ ok: false, error: { code: 'media_not_image' } });
    expect(await importBytes(core, workspaceId, 'vide.png', 'image/png', Buffer.alloc(0))).toMatchObject({ ok: false, error: { code: 'media_not_image' } });
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).tiff().toBuffer();
    expect(await importBytes(core, workspaceId, 'scan.jpg', 'image/jpeg', tiff)).toMatchObject({ ok: false, error: { code: 'media_unsupported_type' } });
    expect(fs.existsSync(path.join(dir, 'media')) ? fs.readdirSync(path.join(dir, 'media')).filter((f) => !f.startsWith('.')) : []).toEqual([]);
    await core.close();
  });

  it('takes a phone photo up to the one limit and refuses a byte more', async () => {
    const { core, workspaceId } = await open();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    // A JPEG padded with trailing bytes up to the limit is still a readable JPEG.
    const atLimit = Buffer.concat([jpeg, Buffer.alloc(MAX_IMAGE_FILE_BYTES - jpeg.length)]);
    expect(await importBytes(core, workspaceId, 'big.jpg', 'image/jpeg', atLimit)).toMatchObject({ ok: true, value: { bytes: MAX_IMAGE_FILE_BYTES } });
    const over = Buffer.concat([atLimit, Buffer.alloc(1)]);
    expect(await importBytes(core, workspaceId, 'bigger.jpg', 'image/jpeg', over)).toMatchObject({ ok: false, error: { code: 'media_too_large', params: { maxMegabytes: 25 } } });
    await core.close();
  }, 30_000);

  it('names an unknown workspace with its own code', async () => {
    const { core } = await open();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
    expect(await importBytes(core, '00000000-0000-4000-8000-000000000000', 'logo.png', 'image/png', png)).toMatchObject({ ok: false, error: { code: 'workspace_not_found' } });
    await core.close();
  });

  it('clears uploads a crash cut short when it opens', async () => {
    const { core, dir } = await open();
    const incoming = core.mediaUploads.incomingDir();
    fs.writeFileSync(path.join(incoming, 'half-written'), 'partial');
    await core.close();
    const again = await openCore({ dataDir: dir, host: 'desktop', keychain: new MemoryKeychain(), clock: manualClock() });
    expect(fs.existsSync(path.join(incoming, 'half-written'))).toBe(false);
    await again.close();
  });
});
