import { describe, expect, it } from 'vitest';
import { createHttpApi, isApiResult } from './http-client.js';
import { takeToken } from './token.js';

describe('createHttpApi', () => {
  it('POSTs JSON to /api/<name> with the bearer token', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const api = createHttpApi({
      token: 'secret',
      fetchFn: async (url, init) => {
        seen.push({ url: String(url), init });
        return new Response(JSON.stringify({ ok: true, value: { extracted: {}, findings: [] } }), { status: 200 });
      },
    });
    const result = await api.doctor({ text: 'hello' });
    expect(result.ok).toBe(true);
    expect(seen[0]?.url).toBe('/api/doctor');
    expect(seen[0]?.init?.method).toBe('POST');
    expect((seen[0]?.init?.headers as Record<string, string>).authorization).toBe('Bearer secret');
    expect(seen[0]?.init?.body).toBe('{"text":"hello"}');
  });

  it('turns a network failure into a network error value', async () => {
    const api = createHttpApi({ token: null, fetchFn: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const result = await api.detect({ probe: false });
    expect(result).toEqual({ ok: false, error: { code: 'network', message: 'Could not reach TorchLift: Failed to fetch' } });
  });

  it('maps 401 to unauthorized with a fix', async () => {
    const api = createHttpApi({ token: 'bad', fetchFn: async () => new Response('{"ok":false}', { status: 401 }) });
    const result = await api.appInfo({});
    expect(!result.ok && result.error.code).toBe('unauthorized');
    expect(!result.ok && result.error.fix).toMatch(/torchlift serve/);
  });

  it('refuses a body that is not an envelope', async () => {
    const api = createHttpApi({ token: 't', fetchFn: async () => new Response('<html>', { status: 500 }) });
    const result = await api.appInfo({});
    expect(!result.ok && result.error.code).toBe('network');
  });
});

describe('isApiResult', () => {
  it('accepts both envelope shapes only', () => {
    expect(isApiResult({ ok: true, value: 1 })).toBe(true);
    expect(isApiResult({ ok: false, error: { code: 'a', message: 'b' } })).toBe(true);
    expect(isApiResult({ ok: false, error: 'x' })).toBe(false);
    expect(isApiResult(null)).toBe(false);
  });
});

describe('takeToken', () => {
  function fakeWindow(href: string) {
    const store = new Map<string, string>();
    const replaced: string[] = [];
    return {
      replaced,
      store,
      win: {
        location: { href },
        sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
        history: { replaceState: (_d: unknown, _u: string, url?: string | URL | null) => void replaced.push(String(url)) },
      },
    };
  }

  it('reads the token from the URL, keeps it and removes it from the address bar', () => {
    const w = fakeWindow('http://127.0.0.1:5000/?token=abc&x=1#top');
    expect(takeToken(w.win)).toBe('abc');
    expect(w.replaced).toEqual(['/?x=1#top']);
    expect(w.store.get('torchlift.token')).toBe('abc');
  });

  it('falls back to the stored token after a reload', () => {
    const w = fakeWindow('http://127.0.0.1:5000/');
    w.store.set('torchlift.token', 'kept');
    expect(takeToken(w.win)).toBe('kept');
    expect(w.replaced).toEqual([]);
  });
});
