import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';

/**
 * Reads at most maxBytes of a UTF-8 text file; null when it is missing, unreadable or not a regular file
 * (a FIFO would block the open, a link to /dev/zero would never end). Detection never throws for I/O.
 */
export async function readTextOrNull(file: string, maxBytes = 1024 * 1024): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(maxBytes, stat.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Lists a folder's entries; [] when it is missing or unreadable. */
export async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Lists a folder's entry names; [] when it is missing or unreadable. */
export async function listNames(dir: string): Promise<string[]> {
  return (await listDir(dir)).map((d) => d.name);
}

/** True when the path is an existing file (symlinks followed). */
export async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** True when the path is an existing folder (symlinks followed). */
export async function isDir(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The size in bytes of a regular file (symlinks followed), or null (missing, a folder, a device, a FIFO…). */
export async function fileSize(p: string): Promise<number | null> {
  try {
    const stat = await fs.stat(p);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** The canonical path (symlinks resolved), or the path itself when it cannot be resolved. */
export async function realPathOrSelf(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return p;
  }
}

/** The first candidate that is an existing file, or null. */
export async function firstFile(candidates: readonly string[]): Promise<string | null> {
  const found = await Promise.all(candidates.map((c) => isFile(c)));
  const index = found.indexOf(true);
  return index === -1 ? null : (candidates[index] ?? null);
}
