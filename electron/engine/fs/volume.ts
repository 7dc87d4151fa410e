import fs from 'node:fs/promises';
import path from 'node:path';
import { nodeFsOps, type FsOps } from './fs-ops.js';

/** The device id of the volume holding `p` (or its nearest existing parent). */
export async function volumeId(p: string): Promise<number> {
  let current = path.resolve(p);
  for (;;) {
    try {
      return (await fs.stat(current)).dev;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) throw new Error(`no existing folder above ${p}`);
      current = parent;
    }
  }
}

/** True when both paths are on one volume, so a rename between them is O(1). */
export async function sameVolume(a: string, b: string): Promise<boolean> {
  return (await volumeId(a)) === (await volumeId(b));
}

/** Free bytes on the volume holding `dir` (or its nearest existing parent). */
export async function freeBytesAt(dir: string, ops: FsOps = nodeFsOps): Promise<number> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      return await ops.freeBytes(current);
    } catch (error) {
      const parent = path.dirname(current);
      if (parent === current) throw error;
      current = parent;
    }
  }
}
