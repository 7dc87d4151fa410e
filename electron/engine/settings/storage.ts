import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { transactionsDir } from '../tx/journal-store.js';

/** `<dataDir>/cache`: downloads kept for reuse (wheels, archives); safe to empty at any time. */
export function cacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

/** The bytes of every regular file under `dir` (links are not followed; a missing folder is 0). */
export async function folderBytes(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await folderBytes(p);
    else if (entry.isFile()) total += await fs.stat(p).then((s) => s.size, () => 0);
  }
  return total;
}

/** The transactions folder (journals and backups): its size is what pruning backups can free. */
export const backupsDir = transactionsDir;

/** Empties the cache folder; returns the bytes freed. */
export async function pruneCache(dataDir: string): Promise<number> {
  const dir = cacheDir(dataDir);
  const bytes = await folderBytes(dir);
  await fs.rm(dir, { recursive: true, force: true });
  return bytes;
}
