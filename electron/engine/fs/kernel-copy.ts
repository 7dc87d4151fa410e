import fs from 'node:fs/promises';
import { errnoOf, nodeFsOps, withPath, WRITE_SIDE_CODES, type FsOps } from './fs-ops.js';

/**
 * True when copies may run in the kernel (fs.copyFile: copy_file_range/sendfile on Linux, CopyFileW on Windows —
 * what cp and Explorer do). A caller that injects its own writer (tests: a disk filling up) keeps the user-space
 * copy, so every byte still goes through that writer.
 */
export function kernelCopyAllowed(ops: FsOps): boolean {
  return ops.write === nodeFsOps.write;
}

/**
 * Copies `from` to a NEW file `to` in the kernel, without reading it into this process. The file is created with
 * `ops.open(to, 'wx')` first, so a read-only or forbidden folder fails the same way as the user-space copy.
 * Does not fsync (the caller batches the fsyncs). Returns the size written.
 */
export async function kernelCopyToNew(args: { from: string; to: string; ops?: FsOps }): Promise<number> {
  const handle = await (args.ops ?? nodeFsOps).open(args.to, 'wx');
  await handle.close();
  try {
    await fs.copyFile(args.from, args.to);
  } catch (error) {
    // copyfile errors carry the source as `path`; a full disk is about the destination.
    throw withPath(error, args.to, { override: WRITE_SIDE_CODES.has(errnoOf(error) ?? '') });
  }
  return (await fs.stat(args.to)).size;
}
