/**
 * Mastodon through the UI, against the stand-in (every request and answer checked against the
 * Mastodon OpenAPI description): connect with OAuth (the authorization page sends the browser
 * back to Tribune's loopback listener), compose with a content warning, a visibility and a
 * poll, check accessibility of the full composer, publish now.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('connect a Mastodon account, then publish a poll behind a content warning', async ({ tribune, page }) => {
  await tribune.createWorkspace('Brasserie du Port');
  await tribune.rail.getByRole('button', { name: /Ajouter un compte/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter un compte' });
  await dialog.getByRole('tab', { name: 'Mastodon' }).click();
  await dialog.getByRole('textbox', { name: 'Instance' }).fill(mastodon.server.url);
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  const authorize = dialog.getByRole('link', { name: "Ouvrir la page d'autorisation" });
  await expect(authorize).toBeVisible();
  // The person's browser opens the page; the instance approves and redirects to Tribune's listener.
  const page2 = await page.context().newPage();
  await page2.goto((await authorize.getAttribute('href'))!);
  await expect(page2.locator('body')).toContainText(/close|fermer/i);
  await page2.close();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(tribune.rail).toContainText('tribune@');

  await tribune.writeDraft('Quelle bière pour la fête du port ?');
  await expect(tribune.targetChip(/@tribune@/)).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.composer.getByRole('textbox', { name: 'Avertissement de contenu' }).fill('Alcool');
  await tribune.composer.getByRole('combobox', { name: 'Visibilité' }).selectOption('unlisted');
  const poll = tribune.composer.getByRole('group', { name: 'Sondage' });
  await poll.getByRole('switch', { name: 'Ajouter un sondage' }).check();
  await poll.getByRole('textbox', { name: 'Choix 1' }).fill('Blonde');
  await poll.getByRole('textbox', { name: 'Choix 2' }).fill('Ambrée');
  await tribune.waitSaved();

  const violations = (
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      // React Aria's live announcer: see accessibility.spec.ts.
      .exclude('[role="log"][aria-live="assertive"]')
      .analyze()
  ).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  const sent = page.getByRole('region', { name: 'Publiés / Échecs' });
  // Publish now waits its undo delay (10 s by default) before it goes.
  await expect(sent.getByRole('link', { name: /Voir la publication de @tribune@/ })).toBeVisible({ timeout: 40_000 });

  const status = mastodon.server.state.statuses.find((s) => s.text === 'Quelle bière pour la fête du port ?');
  expect(status).toMatchObject({ spoilerText: 'Alcool', sensitive: true, visibility: 'unlisted' });
  expect(status?.poll?.options).toEqual(['Blonde', 'Ambrée']);
});
