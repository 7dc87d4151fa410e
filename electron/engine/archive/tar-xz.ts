import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { xz } from '@napi-rs/lzma';
import { Parser, type ReadEntry } from 'tar';
import { ArchiveRefusal, entrySegments, sizeProblem, type ArchiveLimits } from './entry-check.js';
import { ContentHasher } from '../fs/content-hash.js';
import { withPath } from '../fs/fs-ops.js';
import type { FileDigest } from '../fs/hash-copy.js';
import type { ArchiveEntry, EntryOutput, ExtractOptions } from './types.js';
import { xzUncompressedSize } from './xz.js';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/** Decompresses a .tar.xz after checking the size its index declares (a bomb is refused before it expands). */
async function inflate(file: string, limits: ArchiveLimits): Promise<Buffer> {
  const packed = await fsp.readFile(file);
  const declared = xzUncompressedSize(packed);
  if (declared === null) throw new ArchiveRefusal(file, null, 'unreadable', 'not a complete .xz file (truncated or damaged)');
  if (declared > limits.maxTotalBytes) throw new ArchiveRefusal(file, null, 'too-large', `unpacks to ${declared} bytes, over the limit of ${limits.maxTotalBytes}`);
  if (declared > 1024 * 1024 && declared / Math.max(1, packed.length) > limits.maxRatio) {
    throw new ArchiveRefusal(file, null, 'ratio', `a compression ratio of ${Math.round(declared / packed.length)}:1 (an archive bomb)`);
  }
  try {
    return await xz.decompress(packed);
  } catch (error) {
    throw new ArchiveRefusal(file, null, 'unreadable', `damaged .xz data (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Parses the tar in `data`, calling `visit` per entry in order; a damaged or truncated tar is refused. */
async function eachTarEntry(file: string, data: Buffer, visit: (entry: ReadEntry) => void): Promise<void> {
  let failure: unknown = null;
  await new Promise<void>((resolve) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        if (failure !== null) {
          entry.resume();
          return;
        }
        try {
          visit(entry);
        } catch (error) {
          failure = error;
          entry.resume();
        }
      },
    });
    parser.on('error', (err: Error) => {
      failure ??= new ArchiveRefusal(file, null, 'unreadable', `a damaged or truncated tar archive (${err.message})`);
    });
    parser.on('warn', (_code: string, message: string) => {
      failure ??= new ArchiveRefusal(file, null, 'unreadable', `a damaged or truncated tar archive (${message})`);
    });
    parser.on('close', () => resolve());
    parser.on('end', () => resolve());
    parser.end(data);
  });
  if (failure !== null) throw failure;
}

/** Lists a .tar.xz and checks every entry (names, types, sizes, count) before anything is written. */
export async function listTarXz(file: string, limits: ArchiveLimits): Promise<{ entries: ArchiveEntry[]; data: Buffer }> {
  const data = await inflate(file, limits);
  const entries: ArchiveEntry[] = [];
  let total = 0;
  await eachTarEntry(file, data, (entry) => {
    const name = entry.path;
    const checked = entrySegments(name);
    if (!checked.ok) throw new ArchiveRefusal(file, name, checked.problem, `has ${checked.detail}`);
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') throw new ArchiveRefusal(file, name, 'link', 'is a link (links could point outside the target folder)');
    const isDir = entry.type === 'Directory';
    if (!isDir && !FILE_TYPES.has(entry.type)) throw new ArchiveRefusal(file, name, 'special-file', `is a ${entry.type} entry, not a regular file`);
    const big = sizeProblem(limits, entry.size ?? 0, null);
    if (big) throw new ArchiveRefusal(file, name, big.problem, `is ${big.detail}`);
    total += entry.size ?? 0;
    if (entries.length + 1 > limits.maxEntries) throw new ArchiveRefusal(file, name, 'too-many-entries', `is past the limit of ${limits.maxEntries} entries`);
    entries.push({ name, path: checked.segments.join('/'), kind: isDir ? 'dir' : 'file', size: isDir ? 0 : (entry.size ?? 0), executable: ((entry.mode ?? 0) & 0o111) !== 0 });
    entry.resume();
  });
  if (total > limits.maxTotalBytes) throw new ArchiveRefusal(file, null, 'too-large', `unpacks to ${total} bytes`);
  return { entries, data };
}

/**
 * Writes the selected entries of an already listed .tar.xz (its decompressed `data`, whose xz checks liblzma verified)
 * to their output paths (created new), hashing each (xxh3-128) as it is written. Returns each entry's size and hash.
 */
export async function extractTarXz(file: string, data: Buffer, targets: ReadonlyMap<string, EntryOutput>, opts: ExtractOptions = {}): Promise<Map<string, FileDigest>> {
  const made = new Set<string>();
  const digests = new Map<string, FileDigest>();
  const syncs: Promise<void>[] = [];
  const open = new Set<number>();
  try {
    await eachTarEntry(file, data, (entry) => {
      const target = targets.get(entry.path);
      if (target === undefined || !FILE_TYPES.has(entry.type)) {
        entry.resume();
        return;
      }
      const { out, mode } = target;
      const dir = path.dirname(out);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const fd = fs.openSync(out, 'wx', mode);
      open.add(fd);
      const hasher = new ContentHasher();
      let bytes = 0;
      entry.on('data', (chunk: Buffer) => {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          throw withPath(error, out);
        }
        hasher.update(chunk);
        bytes += chunk.length;
        opts.onBytes?.(chunk.length, entry.path);
      });
      entry.on('end', () => {
        digests.set(entry.path, { bytes, xxh3: hasher.digest() });
        open.delete(fd);
        if (!opts.durable) {
          fs.closeSync(fd);
          return;
        }
        // The fsync runs in the thread pool while the next entries are written; all are awaited below.
        syncs.push(new Promise<void>((resolve, reject) => {
          fs.fsync(fd, (error) => {
            fs.close(fd, () => (error ? reject(withPath(error, out)) : resolve()));
          });
        }));
      });
    });
    await Promise.all(syncs);
  } finally {
    await Promise.allSettled(syncs);
    for (const fd of open) fs.closeSync(fd);
  }
  return digests;
}
