import fs from 'node:fs/promises';
import { cachedFile, cacheKey, defaultDownloadCacheDir } from '../../download/cache.js';
import { download, type DownloadProgress, type Expected } from '../../download/download.js';
import { downloadErrorText } from '../../download/error-text.js';
import type { Lang } from '../../i18n/translate.js';
import type { CudaDownload } from '../../../../shared/schemas/cuda.js';

/** Fetches a small index file (md5sum.txt, a manifest) through the downloader; its text, or the reason it failed. */
export async function fetchText(url: string, dataDir: string, lang: Lang): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    const r = await download({ url, cacheDir: defaultDownloadCacheDir(dataDir), maxBytes: 64 * 1024 * 1024, retries: 2, retryDelayMs: 200, idleTimeoutMs: 20_000 });
    return { ok: true, text: await fs.readFile(r.path, 'utf8') };
  } catch (error) {
    return { ok: false, reason: downloadErrorText(lang, error) };
  }
}

/** A plan's download row: whether the cache already holds the verified file. */
export async function downloadRow(args: { name: string; url: string; expected: Expected; dataDir: string; local?: boolean }): Promise<CudaDownload> {
  const cached = args.local === true || (await cachedFile(defaultDownloadCacheDir(args.dataDir), cacheKey(args.url, args.expected))) !== null;
  return { name: args.name, url: args.url, bytes: args.expected.bytes ?? null, sha256: args.expected.sha256 ?? null, md5: args.expected.md5 ?? null, cached };
}

/** Downloads (or verifies in place) every row of a plan, one after another; returns the local paths in order. */
export async function fetchAll(rows: readonly CudaDownload[], dataDir: string, onProgress?: (index: number, p: DownloadProgress) => void, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for (const [index, row] of rows.entries()) {
    const expected: Expected = {};
    if (row.sha256 !== null) expected.sha256 = row.sha256;
    if (row.md5 !== null) expected.md5 = row.md5;
    if (row.bytes !== null) expected.bytes = row.bytes;
    const r = await download({ url: row.url, name: row.name, cacheDir: defaultDownloadCacheDir(dataDir), expected, signal, onProgress: (p) => onProgress?.(index, p) });
    out.push(r.path);
  }
  return out;
}
