// A stand-in for the `electron` module, for starting the packaged main process under plain Node (no Electron runtime
// can be downloaded on the test machines). It records what main.ts does, then calls a few API channels the way the
// window would and writes everything to TL_STUB_REPORT as JSON.
import fs from 'node:fs';
import path from 'node:path';

// Electron sets this to the folder holding app.asar.
process.resourcesPath = process.env.TL_STUB_RESOURCES;

const report = { windows: [], channels: [], calls: {}, errors: [] };
const handlers = new Map();
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

export const app = {
  enableSandbox() {},
  requestSingleInstanceLock: () => true,
  quit() {},
  on() {},
  getVersion: () => JSON.parse(fs.readFileSync(path.join(process.env.TL_STUB_APP_ROOT, 'package.json'), 'utf8')).version,
  whenReady: () => ready,
};

export class BrowserWindow {
  static windows = [];
  static getAllWindows = () => BrowserWindow.windows;
  static getFocusedWindow = () => BrowserWindow.windows[0] ?? null;
  constructor(options) {
    this.options = options;
    this.webContents = { id: 1, on() {}, setWindowOpenHandler() {} };
    BrowserWindow.windows.push(this);
  }
  on() {}
  once() {}
  show() {}
  async loadFile(file) {
    report.windows.push({ loadFile: file, preload: this.options.webPreferences?.preload ?? null });
    setTimeout(() => void exercise(file), 0);
  }
}

export const ipcMain = {
  handle(channel, listener) {
    report.channels.push(channel);
    handlers.set(channel, listener);
  },
};
export const session = { defaultSession: { webRequest: { onHeadersReceived() {} }, setPermissionRequestHandler() {} } };
export const shell = { openExternal: async () => undefined };
export const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) };

async function exercise(indexHtml) {
  const event = { sender: { id: 1 }, senderFrame: { url: new URL(`file://${indexHtml}`).href } };
  const call = async (name, input) => {
    const listener = handlers.get(`torchlift:${name}`);
    report.calls[name] = listener ? await listener(event, input) : { missing: true };
  };
  try {
    await call('appInfo', {});
    await call('detect', { apps: JSON.parse(process.env.TL_STUB_APPS ?? '[]'), probe: true, lang: 'ja' });
    await call('about', {});
    await call('readLogs', { maxLines: 20 });
  } catch (error) {
    report.errors.push(String(error?.stack ?? error));
  }
  fs.writeFileSync(process.env.TL_STUB_REPORT, JSON.stringify(report, null, 2));
  process.exit(0);
}

// main.ts registers its handlers inside whenReady(); resolve on the next turn so the module finishes loading first.
setTimeout(() => readyResolve(), 0);
