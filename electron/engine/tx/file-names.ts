import path from 'node:path';

/**
 * Names of the temporary files a transaction puts beside a target. They never end in .dll or .so.N, so
 * torch (which globs torch\lib\*.dll on Windows) never loads them.
 */

/** The staged new file: `cudnn64_8.dll.torchlift-new-<id>`. */
export function stagingPath(target: string, txId: string): string {
  return `${target}.torchlift-new-${txId}`;
}

/** A backup being restored by copy, before it is renamed over the target. */
export function restorePath(target: string, txId: string): string {
  return `${target}.torchlift-restore-${txId}`;
}

/** The backup of file number `index` inside the transaction's backup folder. */
export function backupPath(backupDir: string, index: number, target: string): string {
  return path.join(backupDir, `${String(index).padStart(3, '0')}-${path.basename(target)}`);
}

/** A partial backup copy, renamed to its final name only once complete and verified. */
export function partialBackupPath(backup: string): string {
  return `${backup}.partial`;
}

/** Where a rollback sets a placed file aside (a hard link) before it is replaced or removed; deleted once closed. */
export function displacedPath(displacedDir: string, index: number, target: string): string {
  return path.join(displacedDir, `${String(index).padStart(3, '0')}-${path.basename(target)}`);
}
