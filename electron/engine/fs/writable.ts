import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { errnoOf, nodeFsOps, type FsOps } from './fs-ops.js';

/** Whether files can be created, renamed and opened for writing in a folder. */
export type WritableCheck = { ok: true } | { ok: false; code: string; message: string };

/**
 * Creates and removes a probe file in `dir`: the only honest test of "can I write here" (ACLs, read-only mounts).
 * The probe's name is unique per call (pid plus random bytes), so concurrent checks in one process, or in processes
 * sharing a pid namespace, never collide (an EEXIST would read as "the folder is a file").
 */
export async function checkDirWritable(dir: string, ops: FsOps = nodeFsOps): Promise<WritableCheck> {
  const probe = path.join(dir, `.torchlift-write-test-${process.pid}-${randomBytes(8).toString('hex')}`);
  try {
    const handle = await ops.open(probe, 'wx');
    await handle.close();
    await fs.unlink(probe);
    return { ok: true };
  } catch (error) {
    return { ok: false, code: errnoOf(error) ?? 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Opens an existing file for writing and closes it again, changing nothing. On Windows a DLL loaded by a
 * running Python cannot be opened this way (EBUSY/EPERM): the file is in use.
 */
export async function checkFileNotInUse(file: string, ops: FsOps = nodeFsOps): Promise<WritableCheck> {
  try {
    const handle = await ops.open(file, 'r+');
    await handle.close();
    return { ok: true };
  } catch (error) {
    return { ok: false, code: errnoOf(error) ?? 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
  }
}
