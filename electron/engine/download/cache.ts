import type { Dirent } from 'node:fs';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readJsonOrNull, writeJsonAtomic } from '../fs/atomic-json.js';

/**
 * The download cache in one folder:
 *   files/<key>/<name>        a finished, verified file   (+ files/<key>/entry.json: digests, size, last use)
 *   partial/<key>/<name>.partial (+ .partial.json sidecar: URL, validators, expected digest) while it downloads
 * `<key>` is the published digest (`sha256-<hex>`, `md5-<hex>`), so the same content is found again whatever its URL;
 * files without a published digest live under `url-<hash of the URL>` and are never reused unverified.
 */

/** The digests a caller expects (any subset). */
export interface Expected {
  sha256?: string;
  md5?: string;
  bytes?: number;
}

/** What entry.json records about a verified file. */
export interface CacheEntry {
  name: string;
  url: string;
  bytes: number;
  sha256: string;
  md5: string | null;
  /** Whether a published digest verified it (only those are reused). */
  verified: boolean;
  mtimeMs: number;
  lastUsed: string;
}

/** The cache folder inside TorchLift's data folder. */
export function defaultDownloadCacheDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}

/** The cache key of a download: its strongest published digest, else the URL's hash. */
export function cacheKey(url: string, expected: Expected): string {
  if (expected.sha256) return `sha256-${expected.sha256.toLowerCase()}`;
  if (expected.md5) return `md5-${expected.md5.toLowerCase()}`;
  return `url-${createHash('sha256').update(url).digest('hex').slice(0, 32)}`;
}

/** A safe single file name (the last URL segment, decoded, without separators or control characters). */
export function safeFileName(nameOrUrl: string): string {
  let base = nameOrUrl.split(/[\\/]/).pop() ?? '';
  if (/^(https?|file):/i.test(nameOrUrl)) {
    try {
      base = decodeURIComponent(new URL(nameOrUrl).pathname.split('/').pop() ?? '');
    } catch {
      // keep the plain last segment
    }
  }
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 200);
  return clean === '' ? 'download' : clean;
}

export function filesDir(cacheDir: string, key: string): string {
  return path.join(cacheDir, 'files', key);
}

export function partialDir(cacheDir: string, key: string): string {
  return path.join(cacheDir, 'partial', key);
}

/** The cached file for `key` when entry.json says it is verified and the file still has that size and time. */
export async function cachedFile(cacheDir: string, key: string): Promise<{ path: string; entry: CacheEntry } | null> {
  const dir = filesDir(cacheDir, key);
  const entry = (await readJsonOrNull(path.join(dir, 'entry.json'))) as CacheEntry | null;
  if (entry === null || !entry.verified || typeof entry.name !== 'string') return null;
  const file = path.join(dir, safeFileName(entry.name));
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size !== entry.bytes || Math.abs(st.mtimeMs - entry.mtimeMs) > 1) return null;
  } catch {
    return null;
  }
  return { path: file, entry };
}

/** Marks a cache hit (for pruning by last use). */
export async function touchEntry(cacheDir: string, key: string, entry: CacheEntry): Promise<void> {
  await writeJsonAtomic(path.join(filesDir(cacheDir, key), 'entry.json'), { ...entry, lastUsed: new Date().toISOString() });
}

/** Bytes the cache holds (finished files and partials). */
export async function downloadCacheSize(cacheDir: string): Promise<number> {
  return treeSize(cacheDir);
}

/** Bytes of every regular file under `dir` (links not followed; a missing folder is 0). */
export async function treeSize(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await treeSize(p);
    else if (e.isFile()) total += (await fs.stat(p)).size;
  }
  return total;
}

/**
 * Frees the cache: finished files least recently used first until at most `keepBytes` remain (default 0: all),
 * and every partial download unless `keepPartials`. Returns what it removed.
 */
export async function pruneDownloadCache(cacheDir: string, options: { keepBytes?: number; keepPartials?: boolean } = {}): Promise<{ removed: string[]; freedBytes: number }> {
  const removed: string[] = [];
  let freed = 0;
  if (!options.keepPartials) {
    const size = await treeSize(path.join(cacheDir, 'partial'));
    await fs.rm(path.join(cacheDir, 'partial'), { recursive: true, force: true });
    if (size > 0) removed.push('partial');
    freed += size;
  }
  const root = path.join(cacheDir, 'files');
  let keys: string[] = [];
  try {
    keys = await fs.readdir(root);
  } catch {
    return { removed, freedBytes: freed };
  }
  const rows = await Promise.all(keys.map(async (key) => {
    const entry = (await readJsonOrNull(path.join(root, key, 'entry.json'))) as CacheEntry | null;
    return { key, bytes: await treeSize(path.join(root, key)), lastUsed: entry?.lastUsed ?? '' };
  }));
  rows.sort((a, b) => a.lastUsed.localeCompare(b.lastUsed));
  let total = rows.reduce((s, r) => s + r.bytes, 0);
  const keep = options.keepBytes ?? 0;
  for (const row of rows) {
    if (total <= keep) break;
    await fs.rm(path.join(root, row.key), { recursive: true, force: true });
    removed.push(row.key);
    total -= row.bytes;
    freed += row.bytes;
  }
  return { removed, freedBytes: freed };
}
