import { describe, expect, it, vi } from 'vitest';
import { API_CALLS, ipcChannel } from '../../shared/api/calls.js';

// The real main.ts bootstrap, run against a mocked `electron` module.
const state = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string | null }[],
  channels: [] as string[],
  headerHook: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
  permissionHook: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  sandboxEnabled: false,
  ready: null as null | (() => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    static getFocusedWindow = () => null;
    options: Record<string, unknown>;
    loaded: string | null = null;
    webContents = { id: 1, on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    on() {}
    once() {}
    show() {}
    loadFile(f: string) { this.loaded = f; return Promise.resolve(); }
  }
  return {
    app: {
      enableSandbox: () => void (state.sandboxEnabled = true),
      requestSingleInstanceLock: () => true,
      getVersion: () => '0.0.0-test',
      quit: () => undefined,
      on: () => undefined,
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    },
    BrowserWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: { handle: (channel: string) => void state.channels.push(channel) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (hook: never) => void (state.headerHook = hook) },
        setPermissionRequestHandler: (hook: never) => void (state.permissionHook = hook),
      },
    },
    shell: { openExternal: async () => undefined },
  };
});
vi.mock('../engine/startup.js', () => ({ startupRecovery: async () => ({ recoveryNotes: [] }) }));
vi.mock('../engine/api/handlers.js', () => ({ createHandlers: () => ({}) }));

describe('Electron main bootstrap (mocked electron)', () => {
  it('opens one secure window with the preload, wires every API channel, sets CSP and denies permissions', async () => {
    await import('./main.js');
    expect(state.sandboxEnabled).toBe(true);
    state.ready!();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const win = state.windows[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/dist[\\/]electron[\\/]preload[\\/]index\.cjs$/);
    expect(win.loaded).toMatch(/dist[\\/]renderer[\\/]index\.html$/);
    expect(state.channels.sort()).toEqual(API_CALLS.map(ipcChannel).sort());
    let headers: Record<string, string[]> = {};
    state.headerHook!({ responseHeaders: {} }, (r) => (headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
    let granted: boolean | null = null;
    state.permissionHook!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });
});
