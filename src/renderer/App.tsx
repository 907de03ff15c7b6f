/**
 * Tribune's window. Selectors for Playwright page models (French name / English name);
 * prefer roles and accessible names, data-testid only where a role is ambiguous.
 *
 * Shell
 * - Rail:            getByRole('navigation', { name: 'Navigation principale' | 'Main navigation' })
 *   - workspaces:    getByRole('list', { name: 'Espaces de travail' | 'Workspaces' }) > listitem
 *   - select one:    getByRole('button', { name: '<workspace name>', exact: true }); the selected one has aria-current="true"
 *   - unread:        getByTestId('workspace-unread') inside the row (the sum of its network columns; described as 'N non lus' | 'N unread')
 *   - its menu:      getByRole('button', { name: 'Actions pour <name>' | 'Actions for <name>' }) → getByRole('menuitem', { name: 'Renommer' | 'Rename' | 'Supprimer' | 'Delete' })
 *   - create:        getByRole('button', { name: 'Nouvel espace de travail' | 'New workspace' })
 *                    (empty state: getByRole('button', { name: 'Créer mon premier espace de travail' | 'Create my first workspace' }))
 *   - accounts:      heading 'Comptes' | 'Accounts'; empty text 'Aucun compte connecté pour l'instant' | 'No account connected yet'
 *                    list getByRole('list', { name: 'Comptes' | 'Accounts' }) > listitem (data-account-id); health
 *                    getByRole('img', { name: 'Compte en bon état' | 'Account healthy' | 'Reconnexion nécessaire' | 'Reconnect needed' });
 *                    when reconnect is needed: button 'Reconnecter @handle' | 'Reconnect @handle'
 *   - add account:   getByRole('button', { name: 'Ajouter un compte' | 'Add account' }) (text button when empty, icon next to the heading otherwise)
 *   - account menu:  getByRole('button', { name: 'Actions pour @handle' | 'Actions for @handle' }) → menuitem 'Créneaux de publication…' |
 *                    'Posting slots…', 'Reconnecter…' | 'Reconnect…', 'Retirer le compte…' | 'Remove account…'
 *   - workspace menu also has menuitem 'Publication…' | 'Publishing…' (missed posts, alt text)
 *   - places:        getByRole('list', { name: 'Aller à' | 'Go to' }) buttons 'Tableau' | 'Board' (key B),
 *                    'Calendrier éditorial' | 'Editorial calendar' (key C) — the one shown has aria-current="page";
 *                    'Messages' | 'Inbox', 'Rapports' | 'Reports' (not built yet:
 *                    aria-disabled="true", a 'Bientôt' | 'Soon' badge in their name and tooltip), 'Paramètres' | 'Settings' (opens the dialog)
 * - Top bar:         getByRole('banner'); getByRole('button', { name: 'Nouveau brouillon' | 'New draft' }) (shortcut N)
 *   - connection:    getByTestId('connection-status') (role status): 'Connecté' | 'Connected', 'Hors ligne — reconnexion…' | 'Offline — reconnecting…'
 *   - shortcuts:     getByRole('button', { name: 'Raccourcis clavier' | 'Keyboard shortcuts' }) (or the ? key)
 * - Sandbox banner: getByTestId('sandbox-banner') (region 'Bac à sable' | 'Sandbox'), with the data folder; only under npm run demo
 * - Vault banner:    getByTestId('vault-banner') (a region named by its title); buttons 'Choisir une phrase secrète…' | 'Choose a passphrase…',
 *                    'Déverrouiller…' | 'Unlock…', 'Plus tard' | 'Later' (hides it)
 * Board
 * - getByRole('main', { name: 'Tableau' | 'Board' }); tabs getByRole('tablist', { name: 'Tableaux' | 'Boards' }) > tab (board name, unread
 *   count); buttons 'Nouveau tableau' | 'New board', 'Actions pour le tableau « X »' | 'Actions for the board “X”' (Renommer, Supprimer le
 *   tableau), 'Ajouter une colonne' | 'Add a column' (dialog: radio group 'Type de colonne', combobox 'Compte', textbox 'Mots, « expression
 *   exacte » ou #hashtag', a live 'Aperçu' | 'Preview', button 'Ajouter la colonne' | 'Add the column')
 * - every column: [data-column-id] (data-width narrow|normal|wide) > section, named 'Type — query — @handle' for network columns
 *   ('Mentions — @brand.test'); handle button 'Déplacer la colonne <name>' | 'Move the column <name>' (Space, ←/→, Space);
 *   menu 'Menu de la colonne : <name>' | 'Column menu: <name>' (Actualiser, notifications, filter kinds, widths, Déplacer à gauche/droite,
 *   Retirer la colonne); getByTestId('column-status') (data-state offline|throttled|stale|failing|reconnect|unsupported); pill
 *   getByTestId('new-items-pill'); getByTestId('offline-banner')
 * - network cards: .virtual-row (data-entry-key, data-item-id on the card); the card's [data-roving-item] takes r q f t o Enter; buttons
 *   'Répondre en tant que @h, n', 'Partager en tant que @h, n', 'Aimer en tant que @h, n' (aria-pressed for the column's account),
 *   "Plus d'actions" (Citer, Ouvrir la conversation, signets, Suivre, Copier le lien, Ouvrir dans le navigateur, Supprimer du réseau,
 *   'Agir en tant que @h'); gap rows 'Charger les éléments manquants'
 * - side panel: getByTestId('side-panel') (conversation, profile or hashtag); 'Fermer le panneau' | 'Close the panel' or Escape
 * - Drafts column:   getByRole('region', { name: 'Brouillons' | 'Drafts' }) (also getByTestId('column-drafts'))
 *   - cards:         region.getByRole('list', { name: 'Brouillons' | 'Drafts' }).getByRole('listitem') (each has data-draft-id)
 *   - open a card:   listitem.getByRole('button', { name: /<start of the text>/ }) — click or Enter; ↑/↓/j/k move focus
 *   - card actions:  listitem.getByRole('button', { name: 'Dupliquer' | 'Duplicate' }), ('Supprimer' | 'Delete'); keys D and Delete
 *   - empty state:   'Aucun brouillon dans cet espace' | 'No drafts in this workspace'
 * - ←/→ (h/l) from a card go to the neighbouring column's card; each list below is keyboard-navigable like the drafts
 * - Scheduled:       getByRole('region', { name: 'Programmés' | 'Scheduled' }) (getByTestId('column-scheduled')), soonest first
 *   - cards:         region.getByRole('list', { name: 'Programmés' | 'Scheduled' }).getByRole('listitem') (data-draft-id); time 'Le lun. 23 nov., 08:00'
 *                    (workspace zone); per target: list 'Comptes' | 'Accounts' > listitem (data-target-id, data-status =
 *                    scheduled|sending|sent|partial|failed|held_missed|held_reconnect|held_offline|held|skipped|cancelled) with a status pill
 *   - open (edit):   listitem.getByRole('button', { name: /<start of the text>/ }) or Enter; buttons 'Modifier' | 'Edit',
 *                    'Reprogrammer…' | 'Reschedule…' (key R), 'Dupliquer' | 'Duplicate' (key D), 'Annuler la programmation' | 'Cancel the schedule'
 *   - missed target: 'Publier maintenant sur @handle' | 'Publish now to @handle', 'Ignorer pour @handle' | 'Skip for @handle'
 * - Sent / Failed:   getByRole('region', { name: 'Publiés / Échecs' | 'Sent / Failed' }) (getByTestId('column-sent')), most recent first
 *   - per target:    link 'Voir la publication de @handle' | 'View the post of @handle' (visible text 'Voir la publication'; opens the thread panel,
 *                    href = the post on the web), link 'Ouvrir dans le navigateur : publication de @handle' | 'Open in the browser: post of @handle';
 *                    failed: the reason, button 'Réessayer pour @handle' | 'Retry for @handle'; partial threads 'n/m publiés' | 'n/m sent'
 * Composer
 * - getByRole('complementary', { name: 'Rédiger' | 'Composer' })
 *   - text:          getByRole('textbox', { name: 'Texte du brouillon' | 'Draft text' })
 *   - save status:   getByTestId('save-status') (role status): 'Enregistré' | 'Saved', 'Enregistrement…' | 'Saving…'
 *   - failure:       getByRole('alert') with getByRole('button', { name: 'Réessayer' | 'Retry' })
 *   - close:         getByRole('button', { name: 'Fermer le compositeur' | 'Close the composer' }) or Escape
 *   - targets:       getByRole('group', { name: 'Publier sur' | 'Publish to' }).getByRole('button', { name: /@handle/ }) — toggle
 *                    buttons (aria-pressed; data-account-id); a new draft starts with none; saved with the draft
 *   - thread:        getByRole('switch', { name: 'Fil de publications' | 'Thread' }) (a real checkbox: .check()/.uncheck());
 *                    parts getByRole('textbox', { name: 'Partie 1 sur 3' | 'Part 1 of 3' }); buttons 'Ajouter une partie (après la partie n)' |
 *                    'Add a part (after part n)', 'Fusionner avec la précédente (partie n)' | 'Merge with the previous one (part n)'
 *   - per target:    section 'Par compte' | 'Per account': getByTestId('target-check') (data-account-id, class is-ready|is-warning|is-blocked)
 *                    with getByTestId('counter') ('287/300'; class counter-ok|counter-near|counter-over on its parent) and the reasons
 *                    (listitems); button 'Adapter pour ce compte (@handle)' | 'Adapt for this account (@handle)'
 *   - versions:      when a target is adapted: getByRole('tab', { name: 'Texte commun' | 'Shared text' }) and getByRole('tab', { name: /@handle/ });
 *                    in its panel textbox 'Texte pour @handle' | 'Text for @handle', button 'Revenir au texte commun' | 'Back to the shared text'
 *   - images:        getByRole('button', { name: 'Ajouter des images' | 'Add images' }) (file chooser) or drop files on the composer;
 *                    list 'Images' > listitem (data-media-id) with textbox 'Texte alternatif (image 1)' | 'Alt text (image 1)'
 *                    (adapted: '… pour @handle' | '… for @handle'), an 'ALT' badge once described, button 'Retirer l'image 1' | 'Remove image 1'
 *   - options:       textbox 'Avertissement de contenu' | 'Content warning' (shown when a Mastodon target is chosen),
 *                    combobox 'Langue de la publication' | 'Post language' (native select: selectOption('fr'))
 *                    combobox 'Visibilité' | 'Visibility' (native select: '' default, 'public', 'unlisted', 'private', 'direct';
 *                    shown when a Mastodon target is chosen)
 *   - poll:          group 'Sondage' | 'Poll' (shown when a Mastodon target is chosen): switch 'Ajouter un sondage' | 'Add a poll';
 *                    textbox 'Choix n' | 'Choice n'; button 'Ajouter un choix' | 'Add a choice', 'Retirer le choix n' | 'Remove choice n';
 *                    combobox 'Durée du sondage' | 'Poll duration' (seconds: 300…604800); checkbox 'Plusieurs choix possibles' | 'Multiple choices'
 *   - scheduled:     a note 'Programmé pour …' | 'Scheduled for …' when editing a scheduled post
 *   - ways out:      buttons 'Publier maintenant' | 'Publish now', 'Programmer…' | 'Schedule…' ('Reprogrammer…' | 'Reschedule…' once
 *                    scheduled), 'Ajouter à la file' | 'Add to queue'; disabled with the reason in #publish-hint (role status);
 *                    the result (slots taken, blocked targets and why) is a toast
 * Calendar (tests/e2e/pages/calendar.ts)
 * - getByRole('main', { name: 'Calendrier éditorial' | 'Editorial calendar' })
 *   - toolbar:       buttons 'Aujourd’hui' | 'Today' (T), 'Semaine précédente' / 'Semaine suivante' (… month, day; PageUp/PageDown);
 *                    radio groups 'Vue' | 'View' ('Mois', 'Semaine', 'Jour', 'Liste'; keys 1-4; click the label) and
 *                    'Couleurs par' | 'Colours by' ('Compte', 'Campagne'); getByTestId('calendar-zone') names the workspace zone;
 *                    combobox 'Second fuseau' | 'Second time zone'; button 'Filtres' | 'Filters' (a popover of checkbox groups
 *                    'Comptes', 'Réseaux', 'Campagnes', 'Étiquettes', 'États'); buttons 'Campagnes et étiquettes…',
 *                    'Importer un calendrier…', 'Exporter le calendrier…', 'Calendrier partagé (CalDAV)…'
 *   - cells:         [data-cell="2026-12-03T09:30"] (week/day slot) or [data-cell="2026-12-03"] (month day, list day): buttons
 *                    'Nouvelle publication le jeudi 3 décembre à 09:30' — click or Enter starts a post planned there; arrows move
 *                    between cells (one tab stop); empty days say 'Rien de prévu jeudi' | 'Nothing planned Thursday'
 *   - posts:         .cal-item[data-draft-id][data-status=idea|draft|in_review|approved|scheduled|published|failed]; its first
 *                    button opens it (name: time, status, text, accounts); handle getByRole('button', { name: 'Déplacer « … »' |
 *                    'Move “…”' }): Space/Enter picks up, arrows move, Enter drops, Escape cancels; getByTestId('calendar-announcer')
 *                    says what happened; the mouse drags the post itself
 * - Composer's 'Calendrier éditorial' section: getByTestId('planned-at') 'Prévu le …', combobox 'Campagne' | 'Campaign',
 *   group 'Étiquettes' | 'Labels' of toggle buttons; when approval is required getByTestId('review-state') ('Brouillon',
 *   'À valider', 'Validé') and buttons 'Soumettre pour validation' | 'Submit for review', 'Valider' | 'Approve',
 *   'Renvoyer' | 'Send back'; comments (a <details>): list 'Commentaires', textbox 'Nouveau commentaire', button 'Commenter'
 * - Dialogs: 'Campagnes et étiquettes' (textboxes 'Nom de la campagne', 'Objectif', 'Nom de l’étiquette'; buttons 'Ajouter la
 *   campagne', 'Ajouter l’étiquette'); 'Exporter le calendrier' (radios 'iCalendar…', 'CSV…', 'Paquet Tribune…', dates 'Du', 'Au',
 *   button 'Exporter': a download); 'Importer un calendrier' (input[type=file], getByTestId('import-counts'), list 'Publications du
 *   fichier' with per-field radio groups 'Version gardée pour « Texte »', button 'Importer', then 'Annuler cet import');
 *   'Calendrier partagé (CalDAV)' (address, user, password, 'Enregistrer et vérifier', 'Synchroniser maintenant')
 * - Settings: textbox 'Votre nom (profil local)' | 'Your name (local profile)'; Publishing: checkbox 'Exiger une validation…'
 * Toasts
 * - getByRole('region', { name: 'Notifications' }); each toast getByTestId('toast');
 *   undo: getByRole('button', { name: 'Annuler' | 'Undo' }) or Ctrl/Cmd+Z
 * Dialogs (modal, role dialog or alertdialog, named by their title)
 * - 'Nouvel espace de travail' | 'New workspace': textbox 'Nom' | 'Name', radio group 'Couleur' | 'Colour', button 'Créer' | 'Create'
 * - 'Renommer « X »' | 'Rename “X”': textbox 'Nom' | 'Name', button 'Renommer' | 'Rename'
 * - alertdialog 'Supprimer « X » ?' | 'Delete “X”?': lists what is deleted; button 'Supprimer « X »' | 'Delete “X”'
 * - 'Paramètres' | 'Settings': radio groups 'Langue' | 'Language' ('Langue du système' | 'System language', 'Français', 'English'), 'Thème' | 'Theme', 'Largeur des colonnes' | 'Column width'
 *   - form 'Cache du tableau' | 'Board cache': number fields 'Publications gardées par colonne' | 'Posts kept per column', 'Publications gardées en tout' |
 *     'Posts kept in total', 'Place des images (Mo)' | 'Space for images (MB)'; Enter or 'Enregistrer les limites' | 'Save the limits'; status 'Limites enregistrées'
 * - 'Raccourcis clavier' | 'Keyboard shortcuts': a table of keys
 * - 'Protéger le coffre' | 'Protect the vault': passwords 'Phrase secrète' | 'Passphrase', 'Confirmer la phrase secrète' | 'Confirm the passphrase',
 *   checkbox (warning) then 'Enregistrer la clé sans protection' | 'Store the key unprotected'
 * - 'Déverrouiller le coffre' | 'Unlock the vault': password 'Phrase secrète' | 'Passphrase', button 'Déverrouiller' | 'Unlock'
 * - 'Ajouter un compte' | 'Add an account' ('Reconnecter @handle' | 'Reconnect @handle'): tabs 'Bluesky', 'Mastodon'
 *   - Bluesky:       textbox 'Identifiant (handle ou e-mail)' | 'Identifier (handle or e-mail)', password 'Mot de passe d'application' |
 *                    'App password', under 'Options avancées' | 'Advanced options' (a <details>) textbox 'Serveur (PDS) auto-hébergé' |
 *                    'Self-hosted server (PDS)'; button 'Se connecter' | 'Connect'; the core's refusal in getByRole('alert')
 *   - Mastodon:      textbox 'Instance', button 'Continuer' | 'Continue'; then (web host) link 'Ouvrir la page d'autorisation' |
 *                    'Open the authorisation page' (target _blank); 'Coller le code' | 'Paste the code' (<details>) with textbox
 *                    'Code d'autorisation' | 'Authorisation code' and button 'Valider le code' | 'Use this code'; 'Annuler' | 'Cancel' cancels
 * - 'Créneaux de publication de @handle' | 'Posting slots of @handle': combobox 'Fuseau horaire' | 'Time zone', a table (row per time)
 *   of checkboxes named '<weekday> à 08:00' | '<weekday> at 08:00' ('lundi à 08:00' | 'Monday at 08:00'), buttons 'Retirer l'horaire 08:00' |
 *   'Remove the 08:00 slot', time input 'Nouvel horaire' | 'New time' + 'Ajouter l'horaire' | 'Add the time', 'Rétablir les créneaux par
 *   défaut' | 'Restore the default slots', 'Enregistrer' | 'Save'
 * - alertdialog 'Retirer @handle ?' | 'Remove @handle?': checkbox 'Supprimer aussi l'historique…' | 'Also delete this account's publishing
 *   history…' (click its text), button 'Retirer @handle' | 'Remove @handle'
 * - 'Publication dans « X »' | 'Publishing in “X”': radio group 'Publications manquées' | 'Missed posts' ('Les publier dès que possible',
 *   'Me demander', 'Ne pas les publier'), checkbox 'Exiger un texte alternatif' | 'Require alt text' (click its text); saved at once
 * - 'Programmer la publication' | 'Schedule the post' ('Reprogrammer la publication' | 'Reschedule the post'): the workspace's zone
 *   is named; date input 'Date', time input 'Heure' | 'Time' (fill '2026-07-14', '09:30'), #schedule-preview, button 'Programmer' |
 *   'Schedule' ('Reprogrammer' | 'Reschedule')
 * - Missed posts: dialog 'Une publication n'est pas partie à l'heure' | 'A post did not go on time' (or 'N publications…'): list
 *   'Publications manquées' | 'Missed posts' > listitem (data-target-id) with 'Publier maintenant' | 'Publish now' and 'Ignorer' | 'Skip';
 *   'Tout publier maintenant' | 'Publish all now', 'Tout ignorer' | 'Skip all' when several
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { I18nProvider } from 'react-aria-components';
import { ToastRegion } from './components/ToastRegion';
import { AppEffects, useUiLanguage } from './features/AppEffects';
import { Dialogs } from './features/Dialogs';
import { Board } from './features/board/Board';
import { Calendar } from './features/calendar/Calendar';
import { InboxView } from './features/inbox/InboxView';
import { Composer } from './features/composer/Composer';
import { NoToken } from './features/NoToken';
import { Rail } from './features/rail/Rail';
import { TopBar } from './features/topbar/TopBar';
import { VaultBanner } from './features/vault/VaultBanner';
import { SandboxBanner } from './features/sandbox/SandboxBanner';
import { useComposer } from './stores/composer';
import { useConnection } from './stores/connection';
import { startSync } from './stores/sync';
import { useUi } from './stores/ui';

export function App() {
  const { t } = useTranslation();
  const noToken = useConnection((s) => s.state === 'no_token');
  const composerOpen = useComposer((s) => s.open);
  const place = useUi((s) => s.place);
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
          <SandboxBanner />
          <VaultBanner />
          {place === 'calendar' ? <Calendar /> : place === 'inbox' ? <InboxView /> : <Board />}
        </div>
        <Composer />
        <ToastRegion />
        <Dialogs />
      </div>
    </I18nProvider>
  );
}
