import fs from 'node:fs/promises';
import { errnoOf, withPath } from './fs-ops.js';

/** Flushes a folder's entries (renames, creations) to disk. Windows cannot open folders: a no-op there. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a directory; the data is as durable as they allow.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errnoOf(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Flushes a file's content to disk. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } catch (error) {
    throw withPath(error, file);
  } finally {
    await handle.close();
  }
}

/** True when the path exists (without following a dangling link into an error). */
export async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return false;
    throw error;
  }
}

/** Removes a file if it is there; a missing file is not an error. */
export async function removeIfExists(p: string): Promise<void> {
  try {
    await fs.unlink(p);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
  }
}
