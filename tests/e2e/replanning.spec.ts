/**
 * Editing a planned post, end to end, as the trial in issue 7 did it: a post scheduled for two
 * Bluesky accounts (a real local network), the second with its own adapted text; reopened, the
 * second account unchecked and the main text edited. At its time only the first account
 * publishes, with the edited text; the post stays one card while it is edited. And "Publish now"
 * can be undone during its delay.
 */
import { AtpAgent } from '@atproto/api';
import { test, expect } from './fixtures';
import { nextMinuteIn, useLocalBluesky, type LocalAccount } from './support/local-bluesky';

const ZONE = 'Europe/Paris';
const local = useLocalBluesky(['halle.test', 'criee.test']);

test.use({ timezoneId: ZONE });

async function texts(did: string): Promise<string[]> {
  const agent = new AtpAgent({ service: local.network.pdsUrl });
  const page = await agent.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100 });
  return page.data.records.map((r) => (r.value as { text: string }).text);
}

test('an account taken out of a scheduled post does not publish, and the one kept publishes the edited text', async ({ tribune, page }) => {
  test.setTimeout(300_000);
  const [halle, criee] = local.accounts as [LocalAccount, LocalAccount];
  await tribune.createWorkspace('Halle aux Poissons');
  await tribune.connectBluesky(halle.handle, halle.appPassword, local.network.pdsUrl);
  await tribune.connectBluesky(criee.handle, criee.appPassword, local.network.pdsUrl);

  await tribune.writeDraft('Arrivage de sardines ce matin');
  const targets = tribune.composer.getByRole('group', { name: 'Publier sur' });
  await targets.getByRole('button', { name: new RegExp(`@${halle.handle}`) }).click();
  await targets.getByRole('button', { name: new RegExp(`@${criee.handle}`) }).click();
  await tribune.composer.getByRole('button', { name: `Adapter pour ce compte (@${criee.handle})` }).click();
  await tribune.composer.getByRole('textbox', { name: `Texte pour @${criee.handle}` }).fill('La criée ouvre à 6 h pour les sardines');
  await tribune.waitSaved();

  const when = nextMinuteIn(ZONE, 60_000);
  await tribune.composer.getByRole('button', { name: 'Programmer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Programmer la publication' });
  await dialog.getByLabel('Date').fill(when.date);
  await dialog.getByLabel('Heure').fill(when.time);
  await dialog.getByRole('button', { name: 'Programmer', exact: true }).click();
  await expect(dialog).toBeHidden();
  if (await tribune.composer.isVisible()) await tribune.closeComposer();

  const scheduled = page.getByRole('region', { name: 'Programmés' });
  const cards = scheduled.getByRole('listitem').filter({ hasText: 'Arrivage de sardines' });
  await expect(cards).toHaveCount(1);
  await expect(cards.first().locator('[data-target-id]')).toHaveCount(2);

  // Reopened: one card, marked as being edited, and nothing in Drafts.
  await cards.first().getByRole('button', { name: 'Modifier' }).click();
  await expect(tribune.composerText).toHaveValue('Arrivage de sardines ce matin');
  await expect(cards.first().getByTestId('editing-badge')).toHaveText('En cours de modification');
  await targets.getByRole('button', { name: new RegExp(`@${criee.handle}`) }).click();
  await expect(targets.getByRole('button', { name: new RegExp(`@${criee.handle}`) })).toHaveAttribute('aria-pressed', 'false');
  await tribune.composerText.press('End');
  await tribune.composerText.pressSequentially(' et de maquereaux', { delay: 5 });
  await tribune.waitSaved();
  await expect(tribune.draftCards).toHaveCount(0);
  await expect(cards).toHaveCount(1);
  await tribune.closeComposer();

  // Still one card, with the new text and one account, and no ghost in Drafts.
  const edited = scheduled.getByRole('listitem').filter({ hasText: 'Arrivage de sardines ce matin et de maquereaux' });
  await expect(edited).toHaveCount(1);
  await expect(edited.locator('[data-target-id]')).toHaveCount(1);
  await expect(tribune.draftCards).toHaveCount(0);

  // At its time: only the first account publishes, with the edited text.
  const sent = page.getByRole('region', { name: 'Publiés / Échecs' });
  const sentCard = sent.getByRole('listitem').filter({ hasText: 'et de maquereaux' });
  await expect(sentCard.getByRole('link', { name: `Voir la publication de @${halle.handle}` })).toBeVisible({ timeout: 150_000 });
  await expect(sentCard.locator('[data-target-id]')).toHaveCount(1);
  // The Sent card says when it went out.
  await expect(sentCard.locator('time')).toHaveText(/^Publié le /);
  expect(await texts(halle.did)).toEqual(['Arrivage de sardines ce matin et de maquereaux']);
  expect(await texts(criee.did)).toEqual([]);
});

test('"Publish now" waits its delay with a countdown, and Ctrl+Z takes it back before it goes', async ({ tribune, page }) => {
  test.setTimeout(180_000);
  const [halle] = local.accounts as [LocalAccount];
  await tribune.createWorkspace('Marché couvert');
  await tribune.connectBluesky(halle.handle, halle.appPassword, local.network.pdsUrl);
  const before = await texts(halle.did);

  await tribune.writeDraft('Finalement pas de marché ce dimanche');
  await expect(tribune.targetChip(new RegExp(`@${halle.handle}`))).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();

  const toast = tribune.toasts.getByTestId('toast').filter({ hasText: 'dans 10 s' });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole('button', { name: 'Annuler' })).toBeVisible();
  await expect(toast.getByTestId('toast-countdown')).toHaveText(/^\d+ s$/);
  await expect(page.getByRole('region', { name: 'Programmés' }).getByRole('listitem').filter({ hasText: 'pas de marché' })).toHaveCount(1);

  await page.keyboard.press('Control+z');
  await expect(tribune.toasts).toContainText('Rien n’est parti');
  await expect(tribune.card('Finalement pas de marché ce dimanche')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Programmés' }).getByRole('listitem').filter({ hasText: 'pas de marché' })).toHaveCount(0);
  // Past the delay, nothing reached the network: a post sent after it goes out alone (its time,
  // later than the taken-back one's, has come, and the taken-back one never went).
  await tribune.writeDraft('Marché maintenu samedi');
  await expect(tribune.targetChip(new RegExp(`@${halle.handle}`))).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect.poll(async () => (await texts(halle.did)).sort(), { timeout: 90_000 }).toEqual([...before, 'Marché maintenu samedi'].sort());
});
