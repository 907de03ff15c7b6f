import { expect, type Locator, type Page } from '@playwright/test';
import { RpcLog } from './rpc-log';

/** Page model of Tribune's window (French UI unless switched). Selectors are documented in src/renderer/App.tsx. */
export class TribunePage {
  /** What the page asked the core, and what was answered (the spec waits on it, never on time). */
  readonly rpc: RpcLog;

  constructor(readonly page: Page) {
    this.rpc = new RpcLog(page);
  }

  async open(url: string) {
    // A URL that differs only by its #token would be a same-document navigation: load a blank page first.
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await expect(this.connection).toHaveText(/Connecté|Connected/);
  }

  get connection() {
    return this.page.getByTestId('connection-status');
  }
  get rail() {
    return this.page.getByRole('navigation', { name: /Navigation principale|Main navigation/ });
  }
  get workspaces() {
    return this.rail.getByRole('list', { name: /Espaces de travail|Workspaces/ });
  }
  workspaceButton(name: string) {
    return this.workspaces.getByRole('button', { name, exact: true });
  }
  get board() {
    return this.page.getByRole('main', { name: /Tableau|Board/ });
  }
  get draftsColumn() {
    return this.page.getByRole('region', { name: /^(Brouillons|Drafts)$/ });
  }
  get draftCards() {
    return this.draftsColumn.getByRole('list', { name: /^(Brouillons|Drafts)$/ }).getByRole('listitem');
  }
  card(text: string | RegExp): Locator {
    return this.draftCards.filter({ hasText: text });
  }
  get composer() {
    return this.page.getByRole('complementary', { name: /Rédiger|Composer/ });
  }
  get composerText() {
    return this.composer.getByRole('textbox', { name: /Texte du brouillon|Draft text/ });
  }
  /** The composer's chip for an account under "Publier sur" (pressed: the post goes there). */
  targetChip(handle: RegExp) {
    return this.composer.getByRole('group', { name: /^(Publier sur|Publish to)$/ }).getByRole('button', { name: handle });
  }
  get saveStatus() {
    return this.composer.getByTestId('save-status');
  }
  get toasts() {
    return this.page.getByRole('region', { name: 'Notifications', exact: true });
  }

  async createWorkspace(name: string) {
    const first = this.page.getByRole('button', { name: /Créer mon premier espace de travail|Create my first workspace/ });
    if (await first.isVisible()) await first.click();
    else await this.rail.getByRole('button', { name: /Nouvel espace de travail|New workspace/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /Nouvel espace de travail|New workspace/ });
    await dialog.getByRole('textbox', { name: /Nom|Name/ }).fill(name);
    await dialog.getByRole('button', { name: /^(Créer|Create)$/ }).click();
    await expect(dialog).toBeHidden();
    await expect(this.workspaceButton(name)).toHaveAttribute('aria-current', 'true');
  }

  async renameWorkspace(from: string, to: string) {
    await this.rail.getByRole('button', { name: new RegExp(`(Actions pour|Actions for) ${from}`) }).click();
    await this.page.getByRole('menuitem', { name: /Renommer|Rename/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /Renommer|Rename/ });
    await dialog.getByRole('textbox', { name: /Nom|Name/ }).fill(to);
    await dialog.getByRole('button', { name: /^(Renommer|Rename)$/ }).click();
    await expect(this.workspaceButton(to)).toBeVisible();
  }

  async deleteWorkspace(name: string) {
    await this.rail.getByRole('button', { name: new RegExp(`(Actions pour|Actions for) ${name}`) }).click();
    await this.page.getByRole('menuitem', { name: /Supprimer|Delete/ }).click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog).toContainText(name);
    await dialog.getByRole('button', { name: /^(Supprimer|Delete)/ }).click();
    await expect(this.workspaceButton(name)).toBeHidden();
  }

  /**
   * Connects a Mastodon account of a local stand-in through the browser authorization: the
   * person's browser opens the instance's page, which redirects to Tribune's listener.
   * (mastodon.spec.ts walks the same steps one by one, with their checks.)
   */
  async connectMastodon(instanceUrl: string) {
    await this.rail.getByRole('button', { name: /Ajouter un compte/ }).click();
    const connect = this.page.getByRole('dialog', { name: 'Ajouter un compte' });
    await connect.getByRole('tab', { name: 'Mastodon' }).click();
    await connect.getByRole('textbox', { name: 'Instance' }).fill(instanceUrl);
    await connect.getByRole('button', { name: 'Continuer' }).click();
    const authorize = connect.getByRole('link', { name: "Ouvrir la page d'autorisation" });
    await expect(authorize).toBeVisible();
    const browser = await this.page.context().newPage();
    await browser.goto((await authorize.getAttribute('href'))!);
    await browser.close();
    await expect(connect).toBeHidden({ timeout: 15_000 });
  }

  /** Connects a Bluesky account of a local network with an app password (its PDS under "Options avancées"). */
  async connectBluesky(handle: string, appPassword: string, pdsUrl: string) {
    await this.rail.getByRole('button', { name: /Ajouter un compte/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Ajouter un compte' });
    await dialog.getByRole('tab', { name: 'Bluesky' }).click();
    await dialog.getByRole('textbox', { name: 'Identifiant (handle ou e-mail)' }).fill(handle);
    await dialog.getByLabel("Mot de passe d'application").fill(appPassword);
    await dialog.getByText('Options avancées').click();
    await dialog.getByRole('textbox', { name: 'Serveur (PDS) auto-hébergé' }).fill(pdsUrl);
    await dialog.getByRole('button', { name: 'Se connecter' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(this.rail).toContainText(handle);
  }

  /** Opens a new draft with the "n" shortcut, types, and waits for the save to be acknowledged. */
  async writeDraft(text: string) {
    await this.board.click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('n');
    await expect(this.composerText).toBeFocused();
    await this.composerText.pressSequentially(text, { delay: 5 });
    await this.waitSaved();
  }

  async waitSaved() {
    await expect(this.saveStatus).toHaveText(/^(Enregistré|Saved)/);
  }

  /** Two frames drawn: what the page received before now has been handled and shown. */
  async nextFrames() {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  }

  async closeComposer() {
    await this.page.keyboard.press('Escape');
    await expect(this.composer).toBeHidden();
  }

  async switchLanguage(label: 'Français' | 'English') {
    await this.rail.getByRole('button', { name: /^(Paramètres|Settings)/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /Paramètres|Settings/ });
    // React Aria draws the radio as its label: click what a person clicks.
    await dialog.locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
    await expect(dialog.getByRole('radio', { name: label })).toBeChecked();
    await this.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
}
