import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import { createHandlers } from '../engine/api/handlers.js';
import { logger } from '../engine/log/logger.js';
import { packageRoot } from '../engine/package-root.js';
import { startupRecovery } from '../engine/startup.js';
import { createPureRunner } from '../engine/worker/pure-runner.js';
import { registerApiHandlers } from './ipc.js';
import { electronPickFolder } from './pick-folder.js';
import { TrustedSenders } from './trusted-senders.js';
import { createMainWindow } from './window.js';

// The Electron main process: bootstrap only. Everything it does lives in the engine, shared with the web host and CLI.
const root = packageRoot();
const rendererDir = path.join(root, 'dist', 'renderer');
// With a trailing slash, so a sibling folder such as dist/renderer-old/ never counts as the app.
const appUrlPrefix = `${pathToFileURL(rendererDir).href}/`;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const { recoveryNotes } = await startupRecovery(process.env);
  const trusted = new TrustedSenders(appUrlPrefix);
  const handlers = createHandlers({ host: 'electron', env: process.env, recoveryNotes, pure: createPureRunner() });
  // The one call only this host can answer: the system's folder dialog.
  handlers.pickFolder = electronPickFolder(dialog, () => BrowserWindow.getFocusedWindow());
  registerApiHandlers(ipcMain, handlers, trusted);
  logger.info(`TorchLift ${app.getVersion()} started (Electron ${process.versions.electron ?? '?'}, resources ${process.resourcesPath ?? root})`);
  const open = () =>
    createMainWindow({
      BrowserWindow,
      openExternal: (url) => void shell.openExternal(url),
      preloadPath: path.join(root, 'dist', 'electron', 'preload', 'index.cjs'),
      indexHtml: path.join(rendererDir, 'index.html'),
      appUrlPrefix,
      trusted,
    });
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

process.on('uncaughtException', (error) => logger.error('uncaught exception in the main process:', error));
process.on('unhandledRejection', (reason) => logger.error('unhandled rejection in the main process:', reason));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
