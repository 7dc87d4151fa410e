const STORAGE_KEY = 'torchlift.token';

/** The bits of `window` the token handling touches, injected so it can be tested without a DOM. */
export interface TokenWindow {
  location: { href: string };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
}

/**
 * Reads the web host's access token: from `?token=` on first load (then kept in sessionStorage and removed
 * from the address bar so it is not bookmarked or shown), else from sessionStorage. Null when there is none.
 */
export function takeToken(win: TokenWindow): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
