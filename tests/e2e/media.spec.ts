/**
 * Images in the browser: a phone photo larger than a WebSocket message goes through the web
 * host's upload route with visible progress; a text file renamed .png is refused as "not an image".
 */
import sharp from 'sharp';
import { test, expect } from './fixtures';

/** A photo-sized JPEG (noise does not compress): well over the WebSocket's 2 MiB. */
async function phonePhoto(): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

test('a 3 MB phone photo is added in the browser, with progress, and a renamed text file is refused', async ({ tribune, page }) => {
  const photo = await phonePhoto();
  expect(photo.length).toBeGreaterThan(3_000_000);
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.writeDraft('Le port ce matin');

  // A slow link, so the progress can be seen: about 1 MB/s upstream.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });

  const chooser = page.waitForEvent('filechooser');
  await tribune.composer.getByRole('button', { name: 'Ajouter des images' }).click();
  await (await chooser).setFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
  const progress = tribune.composer.getByRole('progressbar', { name: 'Envoi de IMG_2041.jpg' });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const images = tribune.composer.getByRole('list', { name: 'Images' });
  await expect(images.getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
  await expect(images.locator('img')).toBeVisible(); // the core made its thumbnail from the uploaded file
  await expect(progress).toBeHidden();
  await tribune.waitSaved();

  const chooser2 = page.waitForEvent('filechooser');
  await tribune.composer.getByRole('button', { name: 'Ajouter des images' }).click();
  await (await chooser2).setFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('Compte rendu de réunion.\n'.repeat(50)) });
  await expect(tribune.toasts).toContainText("« notes.png » n'est pas une image");
  await expect(tribune.toasts).not.toContainText('Une valeur');
  await expect(images.getByRole('listitem')).toHaveCount(1);
});

test('"keep photo metadata" is off by default in the publishing settings and stays as set', async ({ tribune, page, host }) => {
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  const openSettings = async () => {
    await tribune.rail.getByRole('button', { name: 'Actions pour Office de Tourisme de Port-Lumière' }).click();
    await page.getByRole('menuitem', { name: 'Publication…' }).click();
    return page.getByRole('dialog', { name: 'Publication dans « Office de Tourisme de Port-Lumière »' });
  };
  let dialog = await openSettings();
  const keep = dialog.getByRole('checkbox', { name: /Conserver les métadonnées des photos/ });
  await expect(keep).not.toBeChecked();
  await expect(dialog).toContainText('position GPS');
  await dialog.locator('label').filter({ hasText: 'Conserver les métadonnées des photos' }).click();
  await expect(keep).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Saved in the core: still on after a restart of the host.
  await host.restart();
  await tribune.open(host.current.url);
  dialog = await openSettings();
  await expect(dialog.getByRole('checkbox', { name: /Conserver les métadonnées des photos/ })).toBeChecked();
});
