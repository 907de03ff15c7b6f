import { shell, type Session, type WebContents } from 'electron';
import { decideNavigation, decidePermission, type NavigationDecision } from '../security/policy';

function follow(decision: NavigationDecision): void {
  if (decision.action !== 'deny-and-open-externally') return;
  shell.openExternal(decision.url).catch((error: unknown) => console.error('[tribune] could not open link in the browser', error));
}

/**
 * Applied to every WebContents the app ever creates (app.on('web-contents-created')),
 * so that no window, devtools or accidental popup escapes the rules.
 */
export function guardWebContents(contents: WebContents, instanceHosts: () => ReadonlySet<string>): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, instanceHosts(), { sameDocument: event.isSameDocument });
    if (decision.action === 'allow') return;
    event.preventDefault();
    follow(decision);
  });
  // Subframes have no business here (the CSP forbids frames); stop them navigating anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  // Our protocol never redirects, so any redirect is someone else's page: refuse it.
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    follow(decideNavigation(url, instanceHosts()));
    return { action: 'deny' };
  });
}

/** Permissions are refused unless policy says otherwise; the app never downloads. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl, details.isMainFrame));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
