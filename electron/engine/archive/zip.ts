import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { ArchiveRefusal, entrySegments, sizeProblem, type ArchiveLimits } from './entry-check.js';
import { ContentHasher } from '../fs/content-hash.js';
import { withPath } from '../fs/fs-ops.js';
import type { FileDigest } from '../fs/hash-copy.js';
import type { ArchiveEntry, EntryOutput, ExtractOptions } from './types.js';

const S_IFMT = 0o170000;
const TYPES: Record<number, 'link' | 'special-file'> = { 0o120000: 'link', 0o020000: 'special-file', 0o060000: 'special-file', 0o010000: 'special-file', 0o140000: 'special-file' };

async function openZip(file: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
  } catch (error) {
    throw new ArchiveRefusal(file, null, 'unreadable', `not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Visits each central-directory entry in order; `visit` may return a promise (the next entry waits for it). */
async function eachEntry(zip: yauzl.ZipFile, file: string, visit: (e: yauzl.Entry, name: string) => Promise<void> | void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      const raw = e.fileName as unknown as Buffer;
      const utf8 = (e.generalPurposeBitFlag & 0x800) !== 0;
      const name = Buffer.isBuffer(raw) ? raw.toString(utf8 ? 'utf8' : 'latin1') : String(raw);
      Promise.resolve().then(() => visit(e, name)).then(() => zip.readEntry(), (err: unknown) => reject(err));
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new ArchiveRefusal(file, null, 'unreadable', `a damaged or truncated zip archive (${err.message})`)));
    zip.readEntry();
  });
}

/** Lists a zip and checks every entry (names, types, sizes, ratio, count, total) before anything is written. */
export async function listZip(file: string, limits: ArchiveLimits): Promise<ArchiveEntry[]> {
  const zip = await openZip(file);
  const out: ArchiveEntry[] = [];
  let total = 0;
  try {
    await eachEntry(zip, file, (e, name) => {
      const checked = entrySegments(name);
      if (!checked.ok) throw new ArchiveRefusal(file, name, checked.problem, `has ${checked.detail}`);
      const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
      const madeOnUnix = (e.versionMadeBy >> 8) === 3;
      const type = madeOnUnix ? TYPES[mode] : undefined;
      if (type === 'link') throw new ArchiveRefusal(file, name, 'link', 'is a link (links could point outside the target folder)');
      if (type === 'special-file') throw new ArchiveRefusal(file, name, 'special-file', 'is a device, FIFO or socket');
      if (e.isEncrypted()) throw new ArchiveRefusal(file, name, 'unreadable', 'is encrypted');
      const isDir = name.endsWith('/') || name.endsWith('\\');
      const big = sizeProblem(limits, e.uncompressedSize, e.compressedSize);
      if (big) throw new ArchiveRefusal(file, name, big.problem, `is ${big.detail}`);
      total += e.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new ArchiveRefusal(file, name, 'too-large', `brings the archive past ${limits.maxTotalBytes} bytes unpacked`);
      if (out.length + 1 > limits.maxEntries) throw new ArchiveRefusal(file, name, 'too-many-entries', `is past the limit of ${limits.maxEntries} entries`);
      out.push({ name, path: checked.segments.join('/'), kind: isDir ? 'dir' : 'file', size: isDir ? 0 : e.uncompressedSize, executable: madeOnUnix && ((e.externalFileAttributes >>> 16) & 0o111) !== 0, crc32: e.crc32 });
    });
  } finally {
    zip.close();
  }
  return out;
}

/**
 * Writes the selected entries (already checked by listZip) to their output paths (created new: 'wx'). Each entry's
 * bytes are hashed (xxh3-128, the journal's content identity) and their CRC-32 checked against the central
 * directory's as they stream — yauzl checks the size but not the CRC — so a written file is known to be the archive's
 * without reading it again. Returns each entry's size and hash.
 */
export async function extractZip(file: string, targets: ReadonlyMap<string, EntryOutput>, opts: ExtractOptions = {}): Promise<Map<string, FileDigest>> {
  const zip = await openZip(file);
  const digests = new Map<string, FileDigest>();
  const syncs: Promise<void>[] = [];
  // Each output folder is made once (a toolkit's headers share a few hundred folders).
  const made = new Set<string>();
  try {
    await eachEntry(zip, file, async (e, name) => {
      const target = targets.get(name);
      if (target === undefined) return;
      const { out, mode } = target;
      if (!made.has(path.dirname(out))) {
        await fsp.mkdir(path.dirname(out), { recursive: true });
        made.add(path.dirname(out));
      }
      let stream: NodeJS.ReadableStream;
      try {
        stream = await zip.openReadStreamPromise(e);
      } catch (error) {
        throw new ArchiveRefusal(file, name, 'unreadable', `cannot be read (${error instanceof Error ? error.message : String(error)})`);
      }
      if (e.uncompressedSize <= SMALL_ENTRY) {
        const digest = await writeSmall({ file, name, stream, out, mode, crc32: target.crc32, opts, syncs });
        digests.set(name, digest);
        return;
      }
      const handle = await fsp.open(out, 'wx', mode);
      const hasher = new ContentHasher();
      let crc = 0;
      let bytes = 0;
      // Attached in the same tick as the pipeline, so the listener and the file see every chunk, in order.
      stream.on('data', (chunk: Buffer) => {
        hasher.update(chunk);
        crc = zlib.crc32(chunk, crc);
        bytes += chunk.length;
        opts.onBytes?.(chunk.length, name);
      });
      try {
        // A stream over the bare fd (a FileHandle's own stream keeps it from closing until the stream is destroyed).
        await pipeline(stream, fs.createWriteStream('', { fd: handle.fd, autoClose: false }));
      } catch (error) {
        await handle.close();
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('E')) throw withPath(error, out);
        throw new ArchiveRefusal(file, name, 'unreadable', `is damaged (${error instanceof Error ? error.message : String(error)})`);
      }
      if (target.crc32 !== undefined && crc >>> 0 !== target.crc32 >>> 0) {
        await handle.close();
        throw new ArchiveRefusal(file, name, 'unreadable', 'is damaged (its CRC-32 does not match the one the archive records)');
      }
      digests.set(name, { bytes, xxh3: hasher.digest() });
      // The fsync runs while the next entry inflates; all are awaited below.
      if (opts.durable) syncs.push(handle.sync().then(() => handle.close(), async (error: unknown) => {
        await handle.close();
        throw withPath(error, out);
      }));
      else await handle.close();
    });
    await Promise.all(syncs);
  } finally {
    await Promise.allSettled(syncs);
    zip.close();
  }
  return digests;
}

/** Entries up to this size are inflated into memory and written with one synchronous open + write (headers: thousands). */
const SMALL_ENTRY = 1024 * 1024;

/**
 * A small entry: inflated into memory while hashed and CRC-checked, then written with synchronous calls (as tar-xz
 * does), so each of a toolkit's thousands of headers costs one open and one write, not a stream pipeline of async
 * steps. The file is created only once its bytes are known good; with `durable`, its fsync is queued like the others.
 */
async function writeSmall(args: { file: string; name: string; stream: NodeJS.ReadableStream; out: string; mode: number; crc32: number | undefined; opts: ExtractOptions; syncs: Promise<void>[] }): Promise<FileDigest> {
  const hasher = new ContentHasher();
  const chunks: Buffer[] = [];
  let crc = 0;
  let bytes = 0;
  try {
    for await (const chunk of args.stream as AsyncIterable<Buffer>) {
      hasher.update(chunk);
      crc = zlib.crc32(chunk, crc);
      bytes += chunk.length;
      chunks.push(chunk);
      args.opts.onBytes?.(chunk.length, args.name);
    }
  } catch (error) {
    throw new ArchiveRefusal(args.file, args.name, 'unreadable', `is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  if (args.crc32 !== undefined && crc >>> 0 !== args.crc32 >>> 0) {
    throw new ArchiveRefusal(args.file, args.name, 'unreadable', 'is damaged (its CRC-32 does not match the one the archive records)');
  }
  const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  let fd: number;
  try {
    fd = fs.openSync(args.out, 'wx', args.mode);
  } catch (error) {
    throw withPath(error, args.out);
  }
  try {
    for (let at = 0; at < data.length;) at += fs.writeSync(fd, data, at, data.length - at);
  } catch (error) {
    fs.closeSync(fd);
    throw withPath(error, args.out);
  }
  if (args.opts.durable) {
    args.syncs.push(new Promise<void>((resolve, reject) => {
      fs.fsync(fd, (error) => {
        fs.close(fd, () => (error ? reject(withPath(error, args.out)) : resolve()));
      });
    }));
  } else {
    fs.closeSync(fd);
  }
  return { bytes, xxh3: hasher.digest() };
}
