/**
 * Tribune's window. Selectors for Playwright page models (French name / English name);
 * prefer roles and accessible names, data-testid only where a role is ambiguous.
 *
 * Shell
 * - Rail:            getByRole('navigation', { name: 'Navigation principale' | 'Main navigation' })
 *   - workspaces:    getByRole('list', { name: 'Espaces de travail' | 'Workspaces' }) > listitem
 *   - select one:    getByRole('button', { name: '<workspace name>', exact: true }); the selected one has aria-current="true"
 *   - its menu:      getByRole('button', { name: 'Actions pour <name>' | 'Actions for <name>' }) → getByRole('menuitem', { name: 'Renommer' | 'Rename' | 'Supprimer' | 'Delete' })
 *   - create:        getByRole('button', { name: 'Nouvel espace de travail' | 'New workspace' })
 *                    (empty state: getByRole('button', { name: 'Créer mon premier espace de travail' | 'Create my first workspace' }))
 *   - accounts:      heading 'Comptes' | 'Accounts'; empty text 'Aucun compte connecté pour l'instant' | 'No account connected yet'
 *   - places:        getByRole('list', { name: 'Aller à' | 'Go to' }) buttons 'Tableau' | 'Board' (aria-current="page"),
 *                    'Calendrier éditorial' | 'Editorial calendar', 'Messages' | 'Inbox', 'Rapports' | 'Reports' (not built yet:
 *                    aria-disabled="true", a 'Bientôt' | 'Soon' badge in their name and tooltip), 'Paramètres' | 'Settings' (opens the dialog)
 * - Top bar:         getByRole('banner'); getByRole('button', { name: 'Nouveau brouillon' | 'New draft' }) (shortcut N)
 *   - connection:    getByTestId('connection-status') (role status): 'Connecté' | 'Connected', 'Hors ligne — reconnexion…' | 'Offline — reconnecting…'
 *   - shortcuts:     getByRole('button', { name: 'Raccourcis clavier' | 'Keyboard shortcuts' }) (or the ? key)
 * - Vault banner:    getByTestId('vault-banner') (a region named by its title); buttons 'Choisir une phrase secrète…' | 'Choose a passphrase…',
 *                    'Déverrouiller…' | 'Unlock…', 'Plus tard' | 'Later' (hides it)
 * Board
 * - getByRole('main', { name: 'Tableau' | 'Board' })
 * - Drafts column:   getByRole('region', { name: 'Brouillons' | 'Drafts' }) (also getByTestId('column-drafts'))
 *   - cards:         region.getByRole('list', { name: 'Brouillons' | 'Drafts' }).getByRole('listitem') (each has data-draft-id)
 *   - open a card:   listitem.getByRole('button', { name: /<start of the text>/ }) — click or Enter; ↑/↓/j/k move focus
 *   - card actions:  listitem.getByRole('button', { name: 'Dupliquer' | 'Duplicate' }), ('Supprimer' | 'Delete'); keys D and Delete
 *   - empty state:   'Aucun brouillon dans cet espace' | 'No drafts in this workspace'
 * Composer
 * - getByRole('complementary', { name: 'Rédiger' | 'Composer' })
 *   - text:          getByRole('textbox', { name: 'Texte du brouillon' | 'Draft text' })
 *   - save status:   getByTestId('save-status') (role status): 'Enregistré' | 'Saved', 'Enregistrement…' | 'Saving…'
 *   - failure:       getByRole('alert') with getByRole('button', { name: 'Réessayer' | 'Retry' })
 *   - close:         getByRole('button', { name: 'Fermer le compositeur' | 'Close the composer' }) or Escape
 * Toasts
 * - getByRole('region', { name: 'Notifications' }); each toast getByTestId('toast');
 *   undo: getByRole('button', { name: 'Annuler' | 'Undo' }) or Ctrl/Cmd+Z
 * Dialogs (modal, role dialog or alertdialog, named by their title)
 * - 'Nouvel espace de travail' | 'New workspace': textbox 'Nom' | 'Name', radio group 'Couleur' | 'Colour', button 'Créer' | 'Create'
 * - 'Renommer « X »' | 'Rename “X”': textbox 'Nom' | 'Name', button 'Renommer' | 'Rename'
 * - alertdialog 'Supprimer « X » ?' | 'Delete “X”?': lists what is deleted; button 'Supprimer « X »' | 'Delete “X”'
 * - 'Paramètres' | 'Settings': radio groups 'Langue' | 'Language' ('Langue du système' | 'System language', 'Français', 'English'), 'Thème' | 'Theme', 'Largeur des colonnes' | 'Column width'
 * - 'Raccourcis clavier' | 'Keyboard shortcuts': a table of keys
 * - 'Protéger le coffre' | 'Protect the vault': passwords 'Phrase secrète' | 'Passphrase', 'Confirmer la phrase secrète' | 'Confirm the passphrase',
 *   checkbox (warning) then 'Enregistrer la clé sans protection' | 'Store the key unprotected'
 * - 'Déverrouiller le coffre' | 'Unlock the vault': password 'Phrase secrète' | 'Passphrase', button 'Déverrouiller' | 'Unlock'
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { I18nProvider } from 'react-aria-components';
import { ToastRegion } from './components/ToastRegion';
import { AppEffects, useUiLanguage } from './features/AppEffects';
import { Dialogs } from './features/Dialogs';
import { Board } from './features/board/Board';
import { Composer } from './features/composer/Composer';
import { NoToken } from './features/NoToken';
import { Rail } from './features/rail/Rail';
import { TopBar } from './features/topbar/TopBar';
import { VaultBanner } from './features/vault/VaultBanner';
import { useComposer } from './stores/composer';
import { useConnection } from './stores/connection';
import { startSync } from './stores/sync';

export function App() {
  const { t } = useTranslation();
  const noToken = useConnection((s) => s.state === 'no_token');
  const composerOpen = useComposer((s) => s.open);
  const language = useUiLanguage();
  useEffect(() => startSync(), []);
  if (noToken) return <NoToken />;
  return (
    // React Aria's own words (hidden dismiss buttons…) follow the UI's language.
    <I18nProvider locale={language === 'fr' ? 'fr-FR' : 'en-GB'}>
      <div className={`app ${composerOpen ? 'with-composer' : ''}`}>
        <a
          className="skip-link"
          href="#board"
          onClick={(event) => {
            // Keep the address (and its #token) untouched: move the focus by hand.
            event.preventDefault();
            document.getElementById('board')?.focus();
          }}
        >
          {t('a11y.skipToBoard')}
        </a>
        <AppEffects />
        <Rail />
        <div className="content">
          <TopBar />
          <VaultBanner />
          <Board />
        </div>
        <Composer />
        <ToastRegion />
        <Dialogs />
      </div>
    </I18nProvider>
  );
}
