import { defaultDownloadCacheDir, pruneDownloadCache, treeSize } from '../download/cache.js';
import { transactionsDir } from '../tx/journal-store.js';

/** The download cache (the one downloader's, `<dataDir>/downloads`): safe to empty at any time. */
export const cacheDir = defaultDownloadCacheDir;

/** The bytes of every regular file under `dir` (links are not followed; a missing folder is 0). */
export const folderBytes = treeSize;

/** The transactions folder (journals and backups): its size is what pruning backups can free. */
export const backupsDir = transactionsDir;

/** Empties the download cache (finished and partial downloads); returns the bytes freed. */
export async function pruneCache(dataDir: string): Promise<number> {
  return (await pruneDownloadCache(cacheDir(dataDir))).freedBytes;
}
