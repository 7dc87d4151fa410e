import fs from 'node:fs/promises';
import { ContentHasher, HASH_CHUNK } from './content-hash.js';
import { nodeFsOps, withPath, type FsOps } from './fs-ops.js';

/** Size and content hash (xxh3-128) of a file's content. */
export interface FileDigest {
  bytes: number;
  xxh3: string;
}

// 4 MiB: few thread-pool round trips; two chunks per stream keep the peak RSS low (≤ 150 MB with two streams).
const CHUNK = HASH_CHUNK;

/**
 * Copies `from` to a NEW file `to` in one read pass, hashing the bytes as they go (xxh3-128), then fsyncs it.
 * Reads the next chunk while the current one is hashed and written; memory stays at two chunks.
 */
export async function copyWithHash(args: {
  from: string;
  to: string;
  ops?: FsOps;
  onBytes?: (done: number) => void;
}): Promise<FileDigest> {
  try {
    return await copyWithHashUnnamed(args);
  } catch (error) {
    // Reads name the source themselves; a write or fsync on the new file's handle names nothing: name it.
    throw withPath(error, args.to);
  }
}

async function copyWithHashUnnamed(args: { from: string; to: string; ops?: FsOps; onBytes?: (done: number) => void }): Promise<FileDigest> {
  const ops = args.ops ?? nodeFsOps;
  const hash = new ContentHasher();
  const source = await fs.open(args.from, 'r');
  try {
    const target = await ops.open(args.to, 'wx');
    try {
      let current = Buffer.allocUnsafe(CHUNK);
      let spare = Buffer.allocUnsafe(CHUNK);
      let position = 0;
      let read = (await source.read(current, 0, CHUNK, position)).bytesRead;
      while (read > 0) {
        const next = source.read(spare, 0, CHUNK, position + read);
        hash.update(current.subarray(0, read));
        await writeAll({ ops, handle: target, buffer: current, length: read, position });
        position += read;
        args.onBytes?.(position);
        read = (await next).bytesRead;
        [current, spare] = [spare, current];
      }
      await target.sync();
      return { bytes: position, xxh3: hash.digest() };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function writeAll(args: { ops: FsOps; handle: fs.FileHandle; buffer: Buffer; length: number; position: number }): Promise<void> {
  let offset = 0;
  while (offset < args.length) {
    const chunk = args.buffer.subarray(offset, args.length);
    offset += await args.ops.write(args.handle, chunk, chunk.length, args.position + offset);
  }
}
