import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../electron/web/server.js';
import { fixtureHandlers } from './support/fixtures/fixture-handlers.js';
import { startTestHost } from './support/web-host.js';

function post(opts: { port: number; path: string; headers: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: opts.port, path: opts.path, method: 'POST', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end('{"probe":false}');
  });
}

// The web host's guard, seen from outside: no token → 401, a foreign page → 403, the real page → 200.
describe('web host security', () => {
  let host: WebHost;
  beforeAll(async () => {
    host = await startTestHost(fixtureHandlers());
  });
  afterAll(async () => {
    await host?.close();
  });

  it('refuses /api/detect without the token (401)', async () => {
    expect(await post({ port: host.port, path: '/api/detect', headers: {} })).toBe(401);
    expect(await post({ port: host.port, path: '/api/detect', headers: { authorization: 'Bearer wrong' } })).toBe(401);
  });

  it('refuses a request from a foreign Origin even with the token (403)', async () => {
    const headers = { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' };
    expect(await post({ port: host.port, path: '/api/detect', headers })).toBe(403);
  });

  it('answers the app itself', async () => {
    const headers = { authorization: `Bearer ${host.token}`, origin: `http://127.0.0.1:${host.port}` };
    expect(await post({ port: host.port, path: '/api/detect', headers })).toBe(200);
  });
});
