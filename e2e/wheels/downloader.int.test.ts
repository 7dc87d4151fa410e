import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { download, DownloadError } from '../../electron/engine/download/index.js';
import { buildWheelSet, findWheel, startIndexServer, type IndexServer } from './index.js';

// The engine's one downloader against the test index: the knobs produce the failures it must survive or refuse.

let server: IndexServer;
let tmp = '';
beforeAll(async () => {
  server = await startIndexServer(await buildWheelSet());
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-wheel-dl-'));
});
afterAll(async () => {
  await server.close();
  await fs.rm(tmp, { recursive: true, force: true });
});
afterEach(() => { server.knobs.reset(); server.stats.reset(); });

/** The link the variant's PEP 503 page gives for a file: URL and #sha256 fragment, as a planner would read them. */
async function linkFromPage(variant: string, project: string, filename: string): Promise<{ url: string; sha256: string }> {
  const res = await fetch(`${server.variantUrl(variant)}/${project}/`);
  const html = await res.text();
  for (const m of html.matchAll(/<a href="([^"#]+)#sha256=([0-9a-f]{64})"/g)) {
    if (decodeURIComponent(path.posix.basename(m[1] ?? '')) === filename) return { url: new URL(m[1] ?? '', res.url).href, sha256: m[2] ?? '' };
  }
  throw new Error(`${filename} is not on ${variant}/${project}`);
}

describe('download() against the wheel index', () => {
  test('a connection cut at 200 kB is resumed with Range: the file is fetched once in total (≤ 1 % again) and verified', async () => {
    const w = findWheel(server.wheels, { project: 'torch', version: '2.1.2+cu121', os: 'windows' });
    const link = await linkFromPage('cu121', 'torch', w.filename);
    server.knobs.dropAfter(w.filename, 200_000);
    const r = await download({ url: link.url, cacheDir: path.join(tmp, 'resume'), expected: { sha256: link.sha256, bytes: w.size }, retryDelayMs: 10 });
    expect(r.sha256).toBe(w.sha256);
    expect(await fs.readFile(r.path).then((b) => b.length)).toBe(w.size);
    expect(server.stats.bytesServed(w.filename)).toBeLessThanOrEqual(w.size * 1.01);
    const gets = server.stats.requests.filter((q) => q.filename === w.filename && q.method === 'GET');
    expect(gets.map((q) => [q.status, q.range])).toEqual([[200, null], [206, 'bytes=200000-']]);
  });

  test('a wrong #sha256 on the page makes the download refused as a checksum mismatch; with the true hash it is fetched afresh', async () => {
    const w = findWheel(server.wheels, { project: 'xformers', version: '0.0.23.post1', os: 'linux' });
    server.knobs.wrongHash(w.filename);
    const link = await linkFromPage('cu121', 'xformers', w.filename);
    expect(link.sha256).not.toBe(w.sha256);
    const cacheDir = path.join(tmp, 'wrong');
    const err = await download({ url: link.url, cacheDir, expected: { sha256: link.sha256 }, retryDelayMs: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).code).toBe('checksum-mismatch');
    server.knobs.reset();
    const good = await download({ url: link.url, cacheDir, expected: { sha256: w.sha256 }, retryDelayMs: 10 });
    expect(good.fromCache).toBe(false);
    expect(good.sha256).toBe(w.sha256);
  });

  test('corrupted bytes under the true hash are refused too', async () => {
    const w = findWheel(server.wheels, { project: 'torchvision', version: '0.16.2+cu121', os: 'linux' });
    server.knobs.corrupt(w.filename);
    const link = await linkFromPage('cu121', 'torchvision', w.filename);
    const err = await download({ url: link.url, cacheDir: path.join(tmp, 'corrupt'), expected: { sha256: link.sha256 }, retryDelayMs: 10 })
      .catch((e: unknown) => e);
    expect((err as DownloadError).code).toBe('checksum-mismatch');
  });
});
