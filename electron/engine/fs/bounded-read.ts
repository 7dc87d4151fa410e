import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { errnoOf } from './fs-ops.js';

/** Why input was not read: too large, not a regular file (a device, a FIFO, a folder), or unreadable. */
export type BoundedReadFailure =
  | { ok: false; reason: 'too-large'; limit: number }
  | { ok: false; reason: 'folder' }
  | { ok: false; reason: 'special'; kind: SpecialKind }
  | { ok: false; reason: 'unreadable'; code: string };

export type BoundedRead = { ok: true; text: string } | BoundedReadFailure;

/** What kind of non-regular file was refused (the caller words it in the user's language). */
export type SpecialKind = 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** What kind of non-regular file a stat describes; null for a regular file. */
function specialKind(stat: fs.Stats): SpecialKind | null {
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice()) return 'character-device';
  if (stat.isBlockDevice()) return 'block-device';
  if (stat.isSocket()) return 'socket';
  return stat.isFile() ? null : 'other';
}

/**
 * Reads a text file of at most `limit` bytes. A folder, a device (/dev/zero, /dev/urandom), a FIFO or a socket is
 * refused from its stat, before it is opened (opening a FIFO with no writer would block forever); a regular file is
 * opened without blocking, checked again on the open handle, and read in chunks that stop one byte past the limit,
 * so a file that grows while it is read is refused too.
 */
export async function readFileBounded(file: string, limit: number): Promise<BoundedRead> {
  const resolved = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(resolved);
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errnoOf(error) ?? String(error) };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'folder' };
  const kind = specialKind(stat);
  if (kind !== null) return { ok: false, reason: 'special', kind };
  if (stat.size > limit) return { ok: false, reason: 'too-large', limit };
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(resolved, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errnoOf(error) ?? String(error) };
  }
  try {
    const opened = await handle.stat();
    const openedKind = specialKind(opened);
    if (openedKind !== null) return { ok: false, reason: 'special', kind: openedKind };
    const buffer = Buffer.alloc(Math.min(limit + 1, Math.max(opened.size + 1, 64 * 1024)));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { ok: false, reason: 'too-large', limit };
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errnoOf(error) ?? String(error) };
  } finally {
    await handle.close();
  }
}

/**
 * Whether standard input may be read: a pipe, a regular file or a terminal is fine; a device that is not a terminal
 * (`< /dev/zero`, `< /dev/urandom`) is refused without reading from it. Null when it may be read.
 */
export function stdinRefusal(fd = 0, isTty = (): boolean => process.stdin.isTTY === true): BoundedReadFailure | null {
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch {
    return null;
  }
  if (stat.isDirectory()) return { ok: false, reason: 'folder' };
  if ((stat.isCharacterDevice() && !isTty()) || stat.isBlockDevice()) return { ok: false, reason: 'special', kind: specialKind(stat) ?? 'character-device' };
  return null;
}

/** Reads a stream as text, stopping (and destroying it) as soon as more than `limit` bytes arrived. */
export function readStreamBounded(stream: Readable, limit: number): Promise<BoundedRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (result: BoundedRead): void => {
      if (done) return;
      done = true;
      stream.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > limit) {
        finish({ ok: false, reason: 'too-large', limit });
        stream.pause();
        stream.destroy();
        return;
      }
      chunks.push(bytes);
    };
    stream.on('data', onData);
    stream.once('end', () => finish({ ok: true, text: Buffer.concat(chunks, total).toString('utf8') }));
    stream.once('error', (error) => finish({ ok: false, reason: 'unreadable', code: errnoOf(error) ?? String(error) }));
  });
}
