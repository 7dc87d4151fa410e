import type { Dirent } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { download, type DownloadProgress } from './download.js';
import { downloadCacheSize, pruneDownloadCache } from './cache.js';
import { DownloadError } from './errors.js';
import { headSize } from './head-size.js';
import { startRangeServer, type RangeServer } from './testing/range-server.js';

const SIZE = 4 * 1024 * 1024 + 123;
const body = randomBytes(SIZE);
const sha256 = createHash('sha256').update(body).digest('hex');
const md5 = createHash('md5').update(body).digest('hex');
const fast = { retryDelayMs: 5, progressIntervalMs: 0 };

let server: RangeServer;
let tmp: string;
let cacheDir: string;

beforeAll(async () => {
  server = await startRangeServer({ files: { '/pkg/wheel.whl': body } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-download-'));
  cacheDir = path.join(tmp, 'cache');
  server.resetCounters();
  server.setRangeSupport(true);
  server.put('/pkg/wheel.whl', body);
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Every file under a folder, relative, sorted (to prove nothing was left behind). */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries: Dirent[] = [];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

async function errorOf(p: Promise<unknown>): Promise<DownloadError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DownloadError);
  return e as DownloadError;
}

describe('download', () => {
  it('fetches, verifies the sha256, keeps the file in the cache and reports progress with speed and ETA', async () => {
    const events: DownloadProgress[] = [];
    const r = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256, bytes: SIZE }, onProgress: (p) => events.push(p), ...fast });
    expect(r.fromCache).toBe(false);
    expect(r.sha256).toBe(sha256);
    expect(r.bytes).toBe(SIZE);
    expect(Buffer.compare(await fs.readFile(r.path), body)).toBe(0);
    expect(r.path.startsWith(cacheDir)).toBe(true);
    const downloading = events.filter((e) => e.state === 'downloading');
    expect(downloading.length).toBeGreaterThan(1);
    expect(downloading.every((e) => e.totalBytes === SIZE)).toBe(true);
    expect(downloading.some((e) => e.speed > 0 && e.etaSeconds !== null)).toBe(true);
    expect(events.at(-1)?.state).toBe('done');
    // No partial left behind.
    expect((await tree(cacheDir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('a cache hit makes zero requests', async () => {
    await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    server.resetCounters();
    const events: DownloadProgress[] = [];
    const again = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, onProgress: (p) => events.push(p), ...fast });
    expect(again.fromCache).toBe(true);
    expect(again.sha256).toBe(sha256);
    expect(server.counters().requests).toBe(0);
    expect(events.map((e) => e.state)).toEqual(['cached']);
  });

  it('resumes after a dropped connection and re-fetches at most 1 % of the bytes', async () => {
    server.dropAfter(Math.floor(SIZE / 2));
    const r = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    expect(r.sha256).toBe(sha256);
    const c = server.counters();
    expect(c.requests).toBe(2);
    expect(c.ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/bytes=(\d+)-/.exec(c.ranges[1]!)?.[1])).toBeGreaterThan(0);
    expect(c.bytesSent).toBeLessThanOrEqual(SIZE * 1.01);
  });

  it('resumes across a restart: a new download() call continues the partial an earlier one left', async () => {
    server.dropAfter(Math.floor(SIZE * 0.7));
    const first = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast, retries: 0 }));
    expect(first.code).toBe('network');
    const partials = (await tree(cacheDir)).filter((f) => f.endsWith('.partial'));
    expect(partials).toHaveLength(1);
    const r = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    expect(r.sha256).toBe(sha256);
    expect(r.resumedFrom).toBeGreaterThan(0);
    expect(server.counters().bytesSent).toBeLessThanOrEqual(SIZE * 1.01);
    expect(server.counters().ranges.at(-1)).toBe(`bytes=${r.resumedFrom}-`);
  });

  it('restarts cleanly when the server ignores Range (200 instead of 206)', async () => {
    server.setRangeSupport(false);
    server.dropAfter(1024 * 1024);
    const r = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    expect(r.sha256).toBe(sha256);
    expect(Buffer.compare(await fs.readFile(r.path), body)).toBe(0);
    expect(server.counters().requests).toBe(2);
    expect(server.counters().bytesSent).toBe(1024 * 1024 + SIZE);
  });

  it('starts over when the file changed on the server between attempts (If-Range)', async () => {
    server.dropAfter(1000);
    await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { bytes: SIZE }, ...fast, retries: 0 }));
    const changed = randomBytes(SIZE);
    server.put('/pkg/wheel.whl', changed);
    const r = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256: createHash('sha256').update(changed).digest('hex') }, ...fast });
    expect(Buffer.compare(await fs.readFile(r.path), changed)).toBe(0);
  });

  it('refuses a wrong sha256: clear error naming file, URL and both digests, nothing left in the cache', async () => {
    const wrong = 'ab'.repeat(32);
    const e = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256: wrong }, ...fast }));
    expect(e.code).toBe('checksum-mismatch');
    expect(e.message).toContain('wheel.whl');
    expect(e.message).toContain(server.url('/pkg/wheel.whl'));
    expect(e.message).toContain(wrong);
    expect(e.message).toContain(sha256);
    expect(await tree(cacheDir)).toEqual([]);
    expect(await downloadCacheSize(cacheDir)).toBe(0);
  });

  it('verifies an md5 (CUDA installers publish only md5) and refuses a wrong one', async () => {
    const ok = await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { md5 }, ...fast });
    expect(ok.md5).toBe(md5);
    const e = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir: path.join(tmp, 'c2'), expected: { md5: '0'.repeat(32) }, ...fast }));
    expect(e.code).toBe('checksum-mismatch');
    expect(e.params.algo).toBe('md5');
    expect(await tree(path.join(tmp, 'c2'))).toEqual([]);
  });

  it('refuses a size that differs from the published one before downloading it all', async () => {
    const e = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256, bytes: SIZE - 1 }, ...fast }));
    expect(e.code).toBe('size-mismatch');
    expect(await tree(cacheDir)).toEqual([]);
  });

  it('enforces the size cap', async () => {
    const e = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, maxBytes: 1024, ...fast }));
    expect(e.code).toBe('too-large');
  });

  it('verifies local files in place (plain path and file: URL) and leaves a mismatching one alone', async () => {
    const file = path.join(tmp, 'my installer [1] & 日本.exe');
    await fs.writeFile(file, body);
    const a = await download({ url: file, cacheDir, expected: { md5 }, ...fast });
    expect(a).toMatchObject({ path: file, local: true, fromCache: false, bytes: SIZE, sha256 });
    const b = await download({ url: pathToFileURL(file).toString(), cacheDir, expected: { sha256 }, ...fast });
    expect(b.path).toBe(file);
    const e = await errorOf(download({ url: file, cacheDir, expected: { sha256: 'cd'.repeat(32) }, ...fast }));
    expect(e.code).toBe('checksum-mismatch');
    expect(e.message).toContain(file);
    expect((await fs.stat(file)).size).toBe(SIZE);
    expect(await tree(cacheDir)).toEqual([]);
    expect((await errorOf(download({ url: path.join(tmp, 'missing.zip'), cacheDir }))).code).toBe('not-found');
  });

  it('accepts only http, https and file URLs', async () => {
    for (const url of ['ftp://127.0.0.1/x', 'javascript:alert(1)', 'data:text/plain,hi']) {
      expect((await errorOf(download({ url, cacheDir }))).code).toBe('bad-url');
    }
  });

  it('follows redirects (bounded) and reports HTTP errors without retrying a 404', async () => {
    server.redirect('/r1', '/r2');
    server.redirect('/r2', '/pkg/wheel.whl');
    const r = await download({ url: server.url('/r1'), cacheDir, name: 'wheel.whl', expected: { sha256 }, ...fast });
    expect(r.sha256).toBe(sha256);
    expect((await errorOf(download({ url: server.url('/r1'), cacheDir: path.join(tmp, 'c3'), maxRedirects: 1, ...fast }))).code).toBe('too-many-redirects');
    server.resetCounters();
    const e = await errorOf(download({ url: server.url('/nope.zip'), cacheDir, ...fast }));
    expect(e.code).toBe('http-status');
    expect(e.params.status).toBe(404);
    expect(server.counters().requests).toBe(1);
  });

  it('gives up after the bounded retries when every attempt drops without progress', async () => {
    server.dropAfter(0, 100);
    const e = await errorOf(download({ url: server.url('/pkg/wheel.whl'), cacheDir, ...fast, retries: 3 }));
    expect(e.code).toBe('network');
    expect(server.counters().requests).toBe(4);
    server.dropAfter(0, 0);
  });

  it('headSize asks the server; null when unknown; a local file gives its size', async () => {
    expect(await headSize(server.url('/pkg/wheel.whl'))).toBe(SIZE);
    expect(await headSize(server.url('/missing'))).toBeNull();
    const file = path.join(tmp, 'f.bin');
    await fs.writeFile(file, 'hello');
    expect(await headSize(file)).toBe(5);
  });

  it('prunes the cache and reports its size', async () => {
    await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    expect(await downloadCacheSize(cacheDir)).toBeGreaterThanOrEqual(SIZE);
    const kept = await pruneDownloadCache(cacheDir, { keepBytes: 10 * SIZE });
    expect(kept.removed).toEqual([]);
    const pruned = await pruneDownloadCache(cacheDir);
    expect(pruned.freedBytes).toBeGreaterThanOrEqual(SIZE);
    expect(await downloadCacheSize(cacheDir)).toBe(0);
    server.resetCounters();
    await download({ url: server.url('/pkg/wheel.whl'), cacheDir, expected: { sha256 }, ...fast });
    expect(server.counters().requests).toBe(1);
  });
});
