import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { TribunePage } from './pages/tribune';

/** A host with no D-Bus session: keytar cannot reach any Secret Service, as on a machine without a keychain. */
const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tribune-no-bus', DISPLAY: '' };

test.describe('without a system keychain', () => {
  let dataDir: string;
  let host: RunningHost | undefined;
  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-e2e-vault-'));
  });
  test.afterEach(async () => {
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the person is told, protects the vault with a passphrase, and unlocks it at the next start', async ({ page }) => {
    host = await startHost({ dataDir, env: noKeychain });
    const tribune = new TribunePage(page);
    await tribune.open(host.url);
    const banner = page.getByTestId('vault-banner');
    await expect(banner).toContainText('Aucun trousseau système trouvé');
    await banner.getByRole('button', { name: 'Choisir une phrase secrète…' }).click();
    const setup = page.getByRole('dialog', { name: 'Protéger le coffre' });
    await setup.getByLabel('Phrase secrète', { exact: true }).fill('phare de Port-Lumière');
    await setup.getByLabel('Confirmer la phrase secrète').fill('phare de Port-Lumiere');
    await setup.getByRole('button', { name: 'Protéger avec cette phrase secrète' }).click();
    await expect(setup).toContainText('ne sont pas identiques');
    await setup.getByLabel('Confirmer la phrase secrète').fill('phare de Port-Lumière');
    await setup.getByRole('button', { name: 'Protéger avec cette phrase secrète' }).click();
    await expect(setup).toBeHidden();
    await expect(banner).toBeHidden();
    // Drafts never depended on the vault.
    await tribune.createWorkspace('Musée');
    await tribune.writeDraft('Écrit sans trousseau');

    await host.stop();
    host = await startHost({ dataDir, port: host.port, env: noKeychain });
    await tribune.open(host.url);
    await expect(banner).toContainText('Coffre des identifiants verrouillé');
    await expect(tribune.card('Écrit sans trousseau')).toHaveCount(1);
    await banner.getByRole('button', { name: 'Déverrouiller…' }).click();
    const unlock = page.getByRole('dialog', { name: 'Déverrouiller le coffre' });
    await unlock.getByLabel('Phrase secrète').fill('mauvaise phrase');
    await unlock.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
    await expect(unlock).toContainText('Phrase secrète incorrecte.');
    await unlock.getByLabel('Phrase secrète').fill('phare de Port-Lumière');
    await unlock.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
    await expect(unlock).toBeHidden();
    await expect(banner).toBeHidden();
  });
});
