import fs from 'node:fs/promises';
import path from 'node:path';
import { removeIfExists } from './fsync.js';

/** Removals started by removeLater and not finished yet. */
const PENDING = new Set<Promise<void>>();

/**
 * Gives `file` a second name `aside` (a hard link), so replacing or deleting `file` afterwards does not free its
 * blocks and page cache on the spot (on Linux that costs about as long as writing them). False where a link is
 * impossible (another volume, FAT/exFAT, the file is gone): then nothing changed and the caller frees it inline.
 */
export async function linkAside(file: string, aside: string): Promise<boolean> {
  try {
    await fs.mkdir(path.dirname(aside), { recursive: true });
    await removeIfExists(aside);
    await fs.link(file, aside);
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes a folder of files nobody needs any more (set aside by a finished rollback) in the background. A failure or
 * a process that stops first leaves the folder behind; recovery sweeps it at the next start.
 */
export function removeLater(dir: string): void {
  const removal: Promise<void> = fs.rm(dir, { recursive: true, force: true })
    .catch(() => undefined)
    .finally(() => PENDING.delete(removal));
  PENDING.add(removal);
}

/** Resolves once every background removal has finished (tests and the bench wait for it). */
export async function removalsSettled(): Promise<void> {
  while (PENDING.size > 0) await Promise.all([...PENDING]);
}
