import { describe, expect, it } from 'vitest';
import { guardRequest, isLoopbackHost } from './guard.js';

const id = { port: 8123, names: ['127.0.0.1', 'localhost'], token: 'secret-token' };
const base = { url: '/api/detect', host: '127.0.0.1:8123', origin: undefined, authorization: 'Bearer secret-token' };

describe('web host guard', () => {
  it('allows the own host with the token (header or query)', () => {
    expect(guardRequest(id, base)).toEqual({ allow: true });
    expect(guardRequest(id, { ...base, authorization: undefined, url: '/api/detect?token=secret-token' })).toEqual({ allow: true });
    expect(guardRequest(id, { ...base, host: 'localhost:8123', origin: 'http://localhost:8123' })).toEqual({ allow: true });
  });

  it('refuses API calls without the right token with 401', () => {
    expect(guardRequest(id, { ...base, authorization: undefined })).toMatchObject({ allow: false, status: 401 });
    expect(guardRequest(id, { ...base, authorization: 'Bearer secret-tokeN' })).toMatchObject({ allow: false, status: 401 });
    expect(guardRequest(id, { ...base, authorization: undefined, url: '/api/detect?token=' })).toMatchObject({ allow: false, status: 401 });
  });

  it('lets static files through without a token (the page carries it in its URL)', () => {
    expect(guardRequest(id, { ...base, url: '/assets/app.js', authorization: undefined })).toEqual({ allow: true });
  });

  it('refuses a foreign Host (DNS rebinding) or Origin with 403 whatever the path, even with the token', () => {
    expect(guardRequest(id, { ...base, host: 'evil.example:8123' })).toMatchObject({ allow: false, status: 403 });
    expect(guardRequest(id, { ...base, host: '127.0.0.1:9999' })).toMatchObject({ allow: false, status: 403 });
    expect(guardRequest(id, { ...base, host: undefined })).toMatchObject({ allow: false, status: 403 });
    expect(guardRequest(id, { ...base, origin: 'https://evil.example' })).toMatchObject({ allow: false, status: 403 });
    expect(guardRequest(id, { ...base, url: '/', origin: 'null' })).toMatchObject({ allow: false, status: 403 });
  });

  it('knows loopback addresses', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('192.168.1.5')).toBe(false);
  });
});
