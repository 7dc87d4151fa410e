import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { startWebHost, type WebHost } from './server.js';

// Raw HTTP so the test controls Host and Origin exactly as a hostile page or a rebinding attack would.
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('web host', () => {
  let web: WebHost;
  let dir: string;
  let calls = 0;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-web-'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>TorchLift</title>');
    const handlers = {
      appInfo: async () => {
        calls++;
        return { version: '0', host: 'web', platform: 'linux', dataDir: '/d', lang: 'en', recoveryNotes: [] };
      },
    } as unknown as ApiHandlers;
    web = await startWebHost({ handlers, rendererDir: dir });
  });
  afterAll(async () => {
    await web.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const own = () => ({ host: `127.0.0.1:${web.port}` });

  it('prints a loopback URL carrying a long random token', () => {
    expect(web.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers API calls that carry the token', async () => {
    const r = await request(web.port, { method: 'POST', path: '/api/appInfo', headers: { ...own(), authorization: `Bearer ${web.token}`, origin: `http://127.0.0.1:${web.port}`, 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'web' } });
  });

  it('refuses requests without the token (401) and never runs the handler', async () => {
    const before = calls;
    const r = await request(web.port, { method: 'POST', path: '/api/appInfo', headers: own(), body: '{}' });
    expect(r.status).toBe(401);
    expect(calls).toBe(before);
  });

  it('refuses a foreign Origin or Host with 403, even with the token', async () => {
    const before = calls;
    const foreignOrigin = await request(web.port, { method: 'POST', path: '/api/appInfo', headers: { ...own(), origin: 'https://evil.example', authorization: `Bearer ${web.token}` }, body: '{}' });
    expect(foreignOrigin.status).toBe(403);
    const rebinding = await request(web.port, { method: 'POST', path: `/api/appInfo?token=${web.token}`, headers: { host: `evil.example:${web.port}` }, body: '{}' });
    expect(rebinding.status).toBe(403);
    const staticForeign = await request(web.port, { path: '/', headers: { host: 'evil.example' } });
    expect(staticForeign.status).toBe(403);
    expect(calls).toBe(before);
  });

  it('serves the UI with a strict CSP and no path traversal', async () => {
    const page = await request(web.port, { path: '/', headers: own() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const traversal = await request(web.port, { path: '/..%2F..%2F..%2Fetc%2Fpasswd', headers: own() });
    expect(traversal.status).toBe(404);
  });

  it('rejects unknown calls and non-JSON bodies as data', async () => {
    const auth = { ...own(), authorization: `Bearer ${web.token}` };
    expect((await request(web.port, { method: 'POST', path: '/api/nope', headers: auth, body: '{}' })).status).toBe(404);
    const bad = await request(web.port, { method: 'POST', path: '/api/appInfo', headers: auth, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('refuses to listen on a non-loopback address', async () => {
    await expect(startWebHost({ handlers: {} as ApiHandlers, rendererDir: dir, host: '0.0.0.0' })).rejects.toThrow(/refusing/);
  });
});

describe('web host request bodies', () => {
  it('a body over the limit gets a 413 answer, not a reset socket (with and without Content-Length)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-web-413-'));
    const handlers = { appInfo: async () => ({ version: '0', host: 'web', platform: 'linux', dataDir: '/d', lang: 'en', recoveryNotes: [] }) } as unknown as ApiHandlers;
    const web = await startWebHost({ handlers, rendererDir: dir });
    try {
      const headers = { host: `127.0.0.1:${web.port}`, authorization: `Bearer ${web.token}`, 'content-type': 'application/json' };
      const big = `{"text":"${'x'.repeat(9 * 1024 * 1024)}"}`;
      const declared = await request(web.port, { method: 'POST', path: '/api/doctor', headers, body: big });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'too-large' } });
      const chunked = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: web.port, method: 'POST', path: '/api/doctor', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        const piece = 'x'.repeat(1024 * 1024);
        for (let i = 0; i < 10; i++) req.write(piece);
        req.end();
      });
      expect(chunked).toBe(413);
    } finally {
      await web.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
