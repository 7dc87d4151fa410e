import { describe, expect, it, vi } from 'vitest';
import { createMainWindow, secureWindowOptions } from './window.js';
import { TrustedSenders } from './trusted-senders.js';

type Listener = (...args: unknown[]) => unknown;

function fakeBrowserWindowClass() {
  const created: FakeWindow[] = [];
  class FakeWindow {
    static nextId = 1;
    readonly options: unknown;
    readonly contentsListeners = new Map<string, Listener>();
    readonly winListeners = new Map<string, Listener>();
    openHandler: Listener | null = null;
    loaded: string | null = null;
    webContents = {
      id: FakeWindow.nextId++,
      on: (name: string, l: Listener) => this.contentsListeners.set(name, l),
      setWindowOpenHandler: (l: Listener) => (this.openHandler = l),
    };
    constructor(options: unknown) {
      this.options = options;
      created.push(this);
    }
    on(name: string, l: Listener) { this.winListeners.set(name, l); }
    once(name: string, l: Listener) { this.winListeners.set(name, l); }
    show() {}
    loadFile(file: string) { this.loaded = file; return Promise.resolve(); }
  }
  return { FakeWindow, created };
}

describe('secure window', () => {
  it('turns on isolation and sandbox and turns off node integration', () => {
    const prefs = secureWindowOptions('/p/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: '/p/preload.cjs' });
  });

  it('blocks navigation away from the app, denies new windows and trusts only its own webContents', () => {
    const { FakeWindow, created } = fakeBrowserWindowClass();
    const trusted = new TrustedSenders('file:///app/');
    const openExternal = vi.fn();
    createMainWindow({
      BrowserWindow: FakeWindow as never,
      openExternal,
      preloadPath: '/app/preload.cjs',
      indexHtml: '/app/index.html',
      appUrlPrefix: 'file:///app/',
      trusted,
    });
    const win = created[0]!;
    expect(win.loaded).toBe('/app/index.html');
    const navigate = win.contentsListeners.get('will-navigate')!;
    const evil = { preventDefault: vi.fn() };
    navigate(evil, 'https://evil.example/');
    expect(evil.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    navigate(own, 'file:///app/index.html#diagnosis');
    expect(own.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    win.contentsListeners.get('will-redirect')!(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const sibling = { preventDefault: vi.fn() };
    navigate(sibling, 'file:///app-old/index.html');
    expect(sibling.preventDefault).toHaveBeenCalled();
    expect(win.openHandler!({ url: 'https://pytorch.org/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://pytorch.org/');
    expect(win.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    const id = win.webContents.id;
    expect(trusted.isTrusted({ sender: { id }, senderFrame: { url: 'file:///app/index.html' } })).toBe(true);
    expect(trusted.isTrusted({ sender: { id }, senderFrame: { url: 'https://evil.example/' } })).toBe(false);
    expect(trusted.isTrusted({ sender: { id: id + 100 }, senderFrame: { url: 'file:///app/index.html' } })).toBe(false);
    win.winListeners.get('closed')!();
    expect(trusted.isTrusted({ sender: { id }, senderFrame: { url: 'file:///app/index.html' } })).toBe(false);
  });
});
