/**
 * The main job, end to end: Bluesky accounts on a real local network (PLC, PDS, AppView),
 * one post to two accounts with a version adapted for one of them, scheduled a minute ahead,
 * moving from Scheduled to Sent with links to the real records.
 */
import { AtpAgent } from '@atproto/api';
import { test, expect } from './fixtures';
import { nextMinuteIn, useLocalBluesky, type LocalAccount } from './support/local-bluesky';

const ZONE = 'Europe/Paris';
const local = useLocalBluesky(['port-lumiere.test', 'musee-port.test']);

test.use({ timezoneId: ZONE });

test('a post to two Bluesky accounts, adapted for one, goes from Scheduled to Sent at its time', async ({ tribune, page }) => {
  test.setTimeout(240_000);
  const [brand, museum] = local.accounts as [LocalAccount, LocalAccount];
  await tribune.createWorkspace('Office de Tourisme de Port-Lumière');
  await tribune.connectBluesky(brand.handle, brand.appPassword, local.network.pdsUrl);
  await tribune.connectBluesky(museum.handle, museum.appPassword, local.network.pdsUrl);

  const shared = 'Ce soir, feu d’artifice sur le port à 22 h ! #PortLumière';
  const adapted = 'Le musée reste ouvert jusqu’à 22 h pour le feu d’artifice 🎆';
  await tribune.writeDraft(shared);
  const targets = tribune.composer.getByRole('group', { name: 'Publier sur' });
  await targets.getByRole('button', { name: new RegExp(`@${brand.handle}`) }).click();
  await targets.getByRole('button', { name: new RegExp(`@${museum.handle}`) }).click();
  await expect(targets.getByRole('button', { name: new RegExp(`@${museum.handle}`) })).toHaveAttribute('aria-pressed', 'true');
  // Live counter for each target.
  await expect(tribune.composer.getByTestId('counter').first()).toHaveText(/\d+\/300/);

  await tribune.composer.getByRole('button', { name: `Adapter pour ce compte (@${museum.handle})` }).click();
  const version = tribune.composer.getByRole('textbox', { name: `Texte pour @${museum.handle}` });
  await version.fill(adapted);
  await tribune.waitSaved();

  const when = nextMinuteIn(ZONE, 40_000);
  await tribune.composer.getByRole('button', { name: 'Programmer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Programmer la publication' });
  await expect(dialog).toContainText('Paris');
  await dialog.getByLabel('Date').fill(when.date);
  await dialog.getByLabel('Heure').fill(when.time);
  await dialog.getByRole('button', { name: 'Programmer', exact: true }).click();
  await expect(dialog).toBeHidden();
  await tribune.closeComposer();

  const scheduled = page.getByRole('region', { name: 'Programmés' });
  const card = scheduled.getByRole('listitem').filter({ hasText: 'feu d’artifice sur le port' });
  await expect(card).toHaveCount(1);
  await expect(card.locator('[data-target-id]')).toHaveCount(2);
  await expect(tribune.draftCards).toHaveCount(0);

  // At its time it moves to Sent, with a link per account.
  const sent = page.getByRole('region', { name: 'Publiés / Échecs' });
  const sentCard = sent.getByRole('listitem').filter({ hasText: 'feu d’artifice sur le port' }).first();
  await expect(sentCard).toBeVisible({ timeout: 150_000 });
  await expect(card).toHaveCount(0);
  expect(Date.now()).toBeGreaterThanOrEqual(when.at);
  const links = { brand: sentCard.getByRole('link', { name: `Voir la publication de @${brand.handle}` }), museum: sentCard.getByRole('link', { name: `Voir la publication de @${museum.handle}` }) };
  await expect(links.brand).toBeVisible({ timeout: 30_000 });
  await expect(links.museum).toBeVisible({ timeout: 30_000 });

  // Each link names a real record on the PDS, with the text that account was meant to get.
  const agent = new AtpAgent({ service: local.network.pdsUrl });
  for (const [who, expected] of [
    [brand, shared],
    [museum, adapted],
  ] as const) {
    const href = await (who === brand ? links.brand : links.museum).getAttribute('href');
    const match = new RegExp(`^https://bsky\\.app/profile/${who.handle.replace('.', '\\.')}/post/([a-z2-7]{13})$`).exec(href ?? '');
    expect(match, href ?? '').not.toBeNull();
    const record = await agent.com.atproto.repo.getRecord({ repo: who.did, collection: 'app.bsky.feed.post', rkey: match![1]! });
    expect((record.data.value as { text: string }).text).toBe(expected);
    expect(Date.parse((record.data.value as { createdAt: string }).createdAt)).toBeGreaterThanOrEqual(when.at - 1000);
  }
});
