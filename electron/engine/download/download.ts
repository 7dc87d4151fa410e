import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { readJsonOrNull, writeJsonAtomic } from '../fs/atomic-json.js';
import { fsyncDir, fsyncFile, removeIfExists } from '../fs/fsync.js';
import { cacheKey, cachedFile, filesDir, partialDir, safeFileName, touchEntry, type CacheEntry, type Expected } from './cache.js';
import { checkDigests, Digests, hashPrefix } from './digest.js';
import { DownloadError, isTransient } from './errors.js';
import { headerNumber, parseContentRange, request, type HttpResponse } from './http-get.js';
import { SpeedMeter, type DownloadProgress } from './speed.js';

export type { DownloadProgress, Expected };

/** One file to fetch (or, for a local path, to verify in place). */
export interface DownloadRequest {
  /** An http:/https: URL, a file: URL, or a plain local path (a user's own installer or archive). */
  url: string;
  cacheDir: string;
  /** What the publisher says the file is; a mismatch is refused and the bytes discarded. */
  expected?: Expected;
  /** The file name in the cache and in progress events (default: the URL's last segment). */
  name?: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Refuse anything larger (default 32 GiB). */
  maxBytes?: number;
  /** Fail an attempt when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Redirects followed at most (default 10). */
  maxRedirects?: number;
  /** Failed attempts in a row (with no byte gained) before giving up (default 5). */
  retries?: number;
  /** First retry delay; doubles each time, at most 10 s (default 500 ms). */
  retryDelayMs?: number;
  /** Least time between two progress events (default 200 ms). */
  progressIntervalMs?: number;
}

export interface DownloadResult {
  /** The verified file: in the cache, or the local file itself. */
  path: string;
  bytes: number;
  sha256: string;
  /** Only computed when an md5 was expected. */
  md5: string | null;
  /** Served from the cache with no network request. */
  fromCache: boolean;
  /** A local file verified in place. */
  local: boolean;
  /** Bytes already on disk from an earlier, interrupted download (0 for a fresh one). */
  resumedFrom: number;
}

/** What the sidecar beside a `.partial` records, so a later process can resume it safely. */
interface Sidecar {
  url: string;
  key: string;
  etag: string | null;
  lastModified: string | null;
  total: number | null;
  expected: Expected;
}

const GiB = 1024 ** 3;
const locks = new Map<string, Promise<unknown>>();

/**
 * Downloads a file into the cache with resume (HTTP Range + If-Range, across dropped connections and across
 * processes), bounded retries with backoff, progress (speed, ETA), and verification against the published digest.
 * A verified file is reused next time without any request. A local path is verified where it is.
 */
export async function download(req: DownloadRequest): Promise<DownloadResult> {
  const local = localPath(req.url);
  if (local !== null) return verifyLocal(req, local);
  const expected = req.expected ?? {};
  const key = cacheKey(req.url, expected);
  // One download per key at a time in this process: the second caller then finds the first one's file in the cache.
  const previous = locks.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(() => fetchToCache(req, key, expected));
  locks.set(key, mine);
  try {
    return await mine;
  } finally {
    if (locks.get(key) === mine) locks.delete(key);
  }
}

/** The local file a `file:` URL or plain path names; null for http(s) URLs. Other schemes are refused. */
export function localPath(url: string): string | null {
  if (/^file:/i.test(url)) {
    try {
      return fileURLToPath(url);
    } catch {
      throw new DownloadError('bad-url', `Not a valid file URL: ${url}`, { url });
    }
  }
  if (/^https?:\/\//i.test(url)) return null;
  // A scheme of two or more letters is a URL of a kind we do not fetch; one letter is a Windows drive (C:\…).
  if (/^[a-z][a-z0-9+.-]+:/i.test(url)) throw new DownloadError('bad-url', `Only http:, https: and file: downloads are allowed (${url})`, { url });
  return path.resolve(url);
}

async function verifyLocal(req: DownloadRequest, file: string): Promise<DownloadResult> {
  const name = req.name ?? path.basename(file);
  let st: fs.Stats;
  try {
    st = await fsp.stat(file);
  } catch {
    throw new DownloadError('not-found', `${file} does not exist or cannot be read`, { name, url: file });
  }
  if (!st.isFile()) throw new DownloadError('not-found', `${file} is not a file`, { name, url: file });
  const expected = req.expected ?? {};
  const digests = new Digests(expected.md5 !== undefined);
  const meter = new SpeedMeter();
  let last = 0;
  await hashPrefix(file, st.size, digests, (done) => {
    meter.add(done - last);
    last = done;
    req.onProgress?.({ name, url: file, doneBytes: done, totalBytes: st.size, speed: meter.speed(), etaSeconds: meter.eta(st.size - done), state: 'verifying' });
  });
  const d = digests.finish();
  checkDigests({ name, url: file, expected, bytes: st.size, sha256: d.sha256, md5: d.md5, local: true });
  req.onProgress?.({ name, url: file, doneBytes: st.size, totalBytes: st.size, speed: 0, etaSeconds: 0, state: 'done' });
  return { path: file, bytes: st.size, sha256: d.sha256, md5: d.md5, fromCache: false, local: true, resumedFrom: 0 };
}

async function fetchToCache(req: DownloadRequest, key: string, expected: Expected): Promise<DownloadResult> {
  const name = safeFileName(req.name ?? req.url);
  const verifiable = expected.sha256 !== undefined || expected.md5 !== undefined;
  if (verifiable) {
    const hit = await cachedFile(req.cacheDir, key);
    if (hit !== null) {
      await touchEntry(req.cacheDir, key, hit.entry);
      req.onProgress?.({ name, url: req.url, doneBytes: hit.entry.bytes, totalBytes: hit.entry.bytes, speed: 0, etaSeconds: 0, state: 'cached' });
      return { path: hit.path, bytes: hit.entry.bytes, sha256: hit.entry.sha256, md5: hit.entry.md5, fromCache: true, local: false, resumedFrom: 0 };
    }
  }
  const pdir = partialDir(req.cacheDir, key);
  await fsp.mkdir(pdir, { recursive: true });
  const partial = path.join(pdir, `${name}.partial`);
  const sidecarFile = `${partial}.json`;
  const state = await resumeState({ partial, sidecarFile, url: req.url, key, expected, verifiable });
  const digests = new Digests(expected.md5 !== undefined);
  if (state.offset > 0) await hashPrefix(partial, state.offset, digests);
  const resumedFrom = state.offset;
  const fetched = await fetchLoop(req, { name, partial, sidecarFile, key, expected, digests, state });
  await fsyncFile(partial);
  const d = digests.finish();
  try {
    checkDigests({ name, url: req.url, expected, bytes: fetched, sha256: d.sha256, md5: d.md5 });
  } catch (error) {
    await discardPartial(pdir);
    throw error;
  }
  const fdir = filesDir(req.cacheDir, key);
  await fsp.mkdir(fdir, { recursive: true });
  const final = path.join(fdir, name);
  await removeIfExists(path.join(fdir, 'entry.json'));
  await fsp.rename(partial, final);
  const st = await fsp.stat(final);
  const entry: CacheEntry = { name, url: req.url, bytes: fetched, sha256: d.sha256, md5: d.md5, verified: verifiable, mtimeMs: st.mtimeMs, lastUsed: new Date().toISOString() };
  await writeJsonAtomic(path.join(fdir, 'entry.json'), entry);
  await fsyncDir(fdir);
  await discardPartial(pdir);
  req.onProgress?.({ name, url: req.url, doneBytes: fetched, totalBytes: fetched, speed: 0, etaSeconds: 0, state: 'done' });
  return { path: final, bytes: fetched, sha256: d.sha256, md5: d.md5, fromCache: false, local: false, resumedFrom };
}

async function discardPartial(pdir: string): Promise<void> {
  await fsp.rm(pdir, { recursive: true, force: true });
}

interface ResumeState {
  offset: number;
  sidecar: Sidecar | null;
}

/** How much of an earlier partial can be kept: all of it when the sidecar matches this request, else none. */
async function resumeState(args: { partial: string; sidecarFile: string; url: string; key: string; expected: Expected; verifiable: boolean }): Promise<ResumeState> {
  const sidecar = (await readJsonOrNull(args.sidecarFile)) as Sidecar | null;
  let size = 0;
  try {
    size = (await fsp.stat(args.partial)).size;
  } catch {
    size = 0;
  }
  const sameRequest = sidecar !== null && sidecar.url === args.url && sidecar.key === args.key;
  // Without a validator (ETag/Last-Modified) or a published digest, nothing could tell a changed file apart: start over.
  const checkable = sidecar !== null && (sidecar.etag !== null || sidecar.lastModified !== null || args.verifiable);
  const tooLong = (args.expected.bytes !== undefined && size > args.expected.bytes) || (sidecar?.total != null && size > sidecar.total);
  if (size > 0 && sameRequest && checkable && !tooLong) return { offset: size, sidecar };
  await removeIfExists(args.partial);
  return { offset: 0, sidecar: null };
}

/** Fetches until the partial holds the whole file; returns its size. Keeps the partial on failure (for a later resume). */
async function fetchLoop(req: DownloadRequest, ctx: { name: string; partial: string; sidecarFile: string; key: string; expected: Expected; digests: Digests; state: ResumeState }): Promise<number> {
  const maxBytes = req.maxBytes ?? 32 * GiB;
  const retries = req.retries ?? 5;
  const baseDelay = req.retryDelayMs ?? 500;
  const meter = new SpeedMeter();
  const interval = req.progressIntervalMs ?? 200;
  let lastEvent = 0;
  let failures = 0;
  let attempts = 0;
  let { offset } = ctx.state;
  let sidecar = ctx.state.sidecar;
  let total: number | null = sidecar?.total ?? ctx.expected.bytes ?? null;
  const restart = async (): Promise<void> => {
    offset = 0;
    await fsp.truncate(ctx.partial, 0).catch(() => undefined);
    ctx.digests.reset();
  };
  const emit = (force = false): void => {
    const now = performance.now();
    if (!force && now - lastEvent < interval) return;
    lastEvent = now;
    req.onProgress?.({ name: ctx.name, url: req.url, doneBytes: offset, totalBytes: total, speed: meter.speed(), etaSeconds: meter.eta(total === null ? null : total - offset), state: 'downloading' });
  };
  for (;;) {
    attempts += 1;
    const startOffset = offset;
    let res: HttpResponse | null = null;
    let ws: fs.WriteStream | null = null;
    try {
      if (req.signal?.aborted) throw abortError(req.url);
      const headers: Record<string, string> = {};
      const validator = sidecar?.etag && !sidecar.etag.startsWith('W/') ? sidecar.etag : sidecar?.lastModified ?? null;
      if (offset > 0) {
        headers.range = `bytes=${offset}-`;
        if (validator) headers['if-range'] = validator;
      }
      res = await request(req.url, { headers, idleTimeoutMs: req.idleTimeoutMs ?? 30_000, maxRedirects: req.maxRedirects ?? 10, signal: req.signal });
      const length = headerNumber(res.headers['content-length']);
      if (res.status === 206) {
        const range = parseContentRange(res.headers['content-range'] as string | undefined);
        if (range === null || range.start !== offset) {
          // A range we did not ask for: start over from the first byte.
          res.body.destroy();
          await restart();
          throw new DownloadError('network', `${req.url} answered a range request with another range`, { url: req.url }, true);
        }
        total = range.total ?? (length === null ? null : offset + length);
      } else if (res.status === 200) {
        // The server ignores Range, or the file changed since the partial was written (If-Range): start over.
        if (offset > 0) await restart();
        total = length;
      } else if (res.status === 416 && total !== null && offset === total) {
        res.body.resume();
        break;
      } else if (res.status === 416) {
        res.body.resume();
        await restart();
        throw new DownloadError('network', `${req.url} refused the resume range; starting over`, { url: req.url }, true);
      } else {
        res.body.resume();
        const transient = res.status >= 500 || res.status === 429 || res.status === 408;
        throw new DownloadError('http-status', `${req.url} answered HTTP ${res.status}`, { url: req.url, status: res.status }, transient);
      }
      if (total !== null && total > maxBytes) {
        throw new DownloadError('too-large', `${req.url} is ${total} bytes, more than the limit of ${maxBytes}`, { url: req.url, bytes: total, limit: maxBytes });
      }
      if (total !== null && ctx.expected.bytes !== undefined && total !== ctx.expected.bytes) {
        res.body.destroy();
        await fsp.rm(path.dirname(ctx.partial), { recursive: true, force: true });
        throw new DownloadError('size-mismatch', `${ctx.name} from ${req.url} has ${total} bytes, but ${ctx.expected.bytes} were published; nothing was kept`, { name: ctx.name, url: req.url, expected: ctx.expected.bytes, actual: total });
      }
      sidecar = {
        url: req.url, key: ctx.key,
        etag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
        lastModified: typeof res.headers['last-modified'] === 'string' ? res.headers['last-modified'] : null,
        total, expected: ctx.expected,
      };
      await writeJsonAtomic(ctx.sidecarFile, sidecar);
      ws = fs.createWriteStream(ctx.partial, { flags: offset === 0 ? 'w' : 'r+', start: offset, highWaterMark: 1024 * 1024 });
      const wsError = new Promise<never>((_, reject) => ws!.once('error', reject));
      wsError.catch(() => undefined);
      const flusher = backgroundFlusher(ws);
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (offset + chunk.length > maxBytes) throw new DownloadError('too-large', `${req.url} sent more than the limit of ${maxBytes} bytes`, { url: req.url, bytes: offset + chunk.length, limit: maxBytes });
        if (total !== null && offset + chunk.length > total) throw new DownloadError('size-mismatch', `${ctx.name} from ${req.url} sent more bytes than announced (${total})`, { name: ctx.name, url: req.url, expected: total, actual: offset + chunk.length });
        ctx.digests.update(chunk);
        offset += chunk.length;
        meter.add(chunk.length);
        if (!ws.write(chunk)) await Promise.race([once(ws, 'drain'), wsError]);
        flusher.wrote(chunk.length);
        emit();
      }
      await flusher.settled();
      await closeStream(ws);
      ws = null;
      if (total !== null && offset < total) {
        throw new DownloadError('network', `${req.url} closed the connection after ${offset} of ${total} bytes`, { url: req.url }, true);
      }
      if (total === null) total = offset;
      emit(true);
      break;
    } catch (error) {
      res?.body.destroy();
      if (ws !== null) await closeStream(ws).catch(() => undefined);
      // The digests must describe exactly the bytes on disk; a failed write may have left fewer.
      const onDisk = await fsp.stat(ctx.partial).then((s) => s.size, () => 0);
      if (onDisk !== offset) {
        offset = Math.min(onDisk, offset);
        await fsp.truncate(ctx.partial, offset).catch(() => undefined);
        ctx.digests.reset();
        await hashPrefix(ctx.partial, offset, ctx.digests);
      }
      if (req.signal?.aborted) throw abortError(req.url);
      if (offset > startOffset) failures = 0;
      failures += 1;
      if (!isTransient(error) || failures > retries || attempts > 100) throw asDownloadError(error, req.url);
      await sleep(Math.min(10_000, baseDelay * 2 ** (failures - 1)), req.signal);
    }
  }
  return offset;
}

const FLUSH_EVERY = 32 * 1024 * 1024;

/**
 * Flushes the partial to disk in the background every 32 MiB (one fdatasync at a time, in the thread pool), so the
 * final fsync before the file enters the cache has only the tail left: the writeback overlaps the download.
 */
function backgroundFlusher(ws: fs.WriteStream): { wrote: (n: number) => void; settled: () => Promise<void> } {
  let pending = 0;
  let inFlight: Promise<void> | null = null;
  return {
    wrote(n) {
      pending += n;
      const fd = (ws as unknown as { fd: number | null }).fd;
      if (pending < FLUSH_EVERY || inFlight !== null || typeof fd !== 'number') return;
      pending = 0;
      inFlight = new Promise<void>((resolve) => fs.fdatasync(fd, () => resolve())).then(() => {
        inFlight = null;
      });
    },
    settled: async () => {
      await inFlight;
    },
  };
}

async function closeStream(ws: fs.WriteStream): Promise<void> {
  if (ws.closed) return;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.end(() => resolve());
  });
}

function abortError(url: string): DownloadError {
  return new DownloadError('aborted', `The download of ${url} was stopped; it resumes where it left off next time`, { url });
}

function asDownloadError(error: unknown, url: string): Error {
  if (error instanceof DownloadError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new DownloadError('network', `Could not download ${url}: ${message}${typeof code === 'string' ? ` (${code})` : ''}`, { url, reason: message });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
