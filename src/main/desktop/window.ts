import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../security/policy';

export interface AppWindowOptions {
  preload: string;
  /** Off in packaged builds: devtools would let anyone at the keyboard drive the bridge. */
  devTools: boolean;
}

/** The only place a BrowserWindow is created: every window gets the same locked-down preferences. */
export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Tribune',
    // Shown once painted, so the person never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[tribune] the window could not load the app', error));
  return win;
}
