/**
 * The Electron shell: opens the core, serves the renderer over app://, and wires
 * the contract to IPC. All logic lives in the core; all rules in ../security.
 */
import { app, BrowserWindow, dialog, powerMonitor, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { openCore } from '../core/app';
import { StoreOpenError } from '../core/store/database';
import type { Core } from '../core/types';
import { instanceHostsOf } from '../security/policy';
import { guardWebContents, hardenSession } from './hardening';
import { connectCoreToIpc } from './ipc';
import { showNotices } from './notifications';
import { watchNetwork } from './network';
import { registerAppScheme, serveApp } from './protocol';
import { createAppWindow } from './window';

// Bundled as dist/desktop/main.cjs, beside preload.cjs and above dist/renderer.
const PRELOAD = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

const windows = new Set<BrowserWindow>();
let instanceHosts: ReadonlySet<string> = new Set();

const appContents = (): WebContents[] => [...windows].filter((w) => !w.isDestroyed()).map((w) => w.webContents);

function openWindow(): void {
  const win = createAppWindow({ preload: PRELOAD, devTools: !app.isPackaged });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
}

/** The hosts of the person's own instances, which links may open in the browser. */
async function loadInstanceHosts(core: Core): Promise<ReadonlySet<string>> {
  const workspaces = await core.handle('workspace.list', {});
  if (!workspaces.ok) return new Set();
  const accounts: { network: string; handle: string; serviceUrl: string }[] = [];
  for (const workspace of workspaces.value as { id: string }[]) {
    const listed = await core.handle('account.list', { workspaceId: workspace.id });
    if (listed.ok) accounts.push(...(listed.value as { network: string; handle: string; serviceUrl: string }[]));
  }
  return instanceHostsOf(accounts);
}

async function start(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, () => instanceHosts));
  let ready = false;
  app.on('second-instance', () => {
    // Before the core is open there is nothing to show yet; the first window is on its way.
    if (!ready) return;
    const [win] = windows;
    if (win === undefined) return openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Opening the database overlaps with Electron's start-up; the outcome is kept as a
  // value so that an early failure is not an unhandled rejection.
  const opening = openCore({
    // TRIBUNE_* variables are how `npm run demo` points the app at its sandbox network.
    dataDir: app.getPath('userData'),
    host: 'desktop',
    // The renderer's typed client checks every answer on arrival (client/typedClient.ts), as on the web host.
    checkAnswers: false,
    sandbox: process.env.TRIBUNE_SANDBOX === '1',
    ...(process.env.TRIBUNE_SANDBOX_PDS_URL ? { sandboxPdsUrl: process.env.TRIBUNE_SANDBOX_PDS_URL } : {}),
    network: {
      ...(process.env.TRIBUNE_PLC_URL ? { plcUrl: process.env.TRIBUNE_PLC_URL } : {}),
      ...(process.env.TRIBUNE_APPVIEW_URL ? { appviewUrl: process.env.TRIBUNE_APPVIEW_URL } : {}),
      ...(process.env.TRIBUNE_CHAT_DID ? { chatDid: process.env.TRIBUNE_CHAT_DID } : {}),
      // The sandbox's images are on 127.0.0.1; everywhere else the image cache refuses private addresses.
      allowPrivateImages: process.env.TRIBUNE_ALLOW_PRIVATE_IMAGES === '1',
    },
    systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    version: app.getVersion(),
    // Only the core asks for this (a Mastodon authorization page on the instance the person typed).
    openBrowser: (url) => {
      const target = new URL(url);
      const loopback = target.protocol === 'http:' && (target.hostname === '127.0.0.1' || target.hostname === 'localhost');
      if (target.protocol !== 'https:' && !loopback) return;
      shell.openExternal(target.toString()).catch((error: unknown) => console.error('[tribune] could not open the browser', error));
    },
  }).then(
    (core) => ({ core }),
    (error: unknown) => ({ error }),
  );
  // On Linux an error box shown before 'ready' only reaches stderr.
  await app.whenReady();
  const opened = await opening;
  if ('error' in opened) {
    const { error } = opened;
    const message = error instanceof StoreOpenError ? error.message : `Tribune could not start: ${error instanceof Error ? error.message : String(error)}`;
    console.error('[tribune]', error);
    dialog.showErrorBox('Tribune cannot open its data', message);
    // exit, not quit: nothing else may run (and touch the data folder) after this.
    app.exit(1);
    return;
  }
  const { core } = opened;

  hardenSession(session.defaultSession);
  // Chromium's own spell checker, in both interface languages (macOS uses the system's).
  if (process.platform !== 'darwin') session.defaultSession.setSpellCheckerLanguages(['fr', 'en-US']);
  // Posts due while the computer slept go now (or follow the missed-post policy).
  powerMonitor.on('resume', () => core.wake('resume'));
  // Posts that waited for the connection go as soon as it is back.
  watchNetwork(core);
  serveApp(session.defaultSession, RENDERER_DIR, (key) => core.remoteImage(key));
  connectCoreToIpc(core, appContents);
  showNotices(core, () => [...windows], app.getPreferredSystemLanguages()[0] ?? app.getLocale());
  const refreshInstanceHosts = () =>
    loadInstanceHosts(core).then(
      (hosts) => (instanceHosts = hosts),
      (error: unknown) => console.error('[tribune] could not list instances', error),
    );
  void refreshInstanceHosts();
  core.subscribe((event) => {
    if (event === 'accounts.changed') void refreshInstanceHosts();
  });

  ready = true;
  openWindow();
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    core
      .close()
      .catch((error: unknown) => console.error('[tribune] closing the core failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

registerAppScheme();
app.enableSandbox();
// The sandbox's own data folder is also its own instance: a real Tribune open beside it is another app.
if (process.env.TRIBUNE_DATA_DIR) app.setPath('userData', process.env.TRIBUNE_DATA_DIR);
if (!app.requestSingleInstanceLock()) {
  // Another Tribune owns the data folder; it was told to come forward.
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error('[tribune] start-up failed', error);
    app.exit(1);
  });
}
