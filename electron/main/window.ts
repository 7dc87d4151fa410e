import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import type { TrustedSenders } from './trusted-senders.js';

/** Secure defaults for every TorchLift window (Electron security checklist #3, #4, #13, #14, #17). */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'TorchLift',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/**
 * Creates the main window: secure options, navigation away from the app blocked, every new window denied
 * (links to the web open in the user's browser instead), and the window's webContents trusted for IPC.
 */
export function createMainWindow(deps: {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  openExternal: (url: string) => void;
  preloadPath: string;
  indexHtml: string;
  appUrlPrefix: string;
  trusted: TrustedSenders;
}): BrowserWindowType {
  const win = new deps.BrowserWindow(secureWindowOptions(deps.preloadPath));
  const contents = win.webContents;
  const id = contents.id;
  deps.trusted.add(id);
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!url.startsWith(deps.appUrlPrefix)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) deps.openExternal(url);
    return { action: 'deny' };
  });
  win.on('closed', () => deps.trusted.remove(id));
  win.once('ready-to-show', () => win.show());
  void win.loadFile(deps.indexHtml);
  return win;
}
