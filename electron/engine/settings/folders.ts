import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Lang } from '../i18n/translate.js';
import { settingsRefusal } from './text.js';

export interface FolderListing {
  path: string | null;
  parent: string | null;
  folders: Array<{ name: string; path: string }>;
}

/**
 * The sub-folders of `dir` for the folder browser: names and paths only, never files or their contents. Without a
 * path: the home folder and, on Windows, the drive letters that exist. Anything that is not a folder is refused.
 */
export async function listFolders(dir: string | undefined, lang: Lang, opts: { home?: string; platform?: NodeJS.Platform } = {}): Promise<FolderListing> {
  const platform = opts.platform ?? process.platform;
  if (dir === undefined || dir.trim() === '') {
    const home = opts.home ?? os.homedir();
    const roots = [{ name: home, path: home }];
    if (platform === 'win32') {
      for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') {
        const drive = `${letter}:\\`;
        if (await isDirectory(drive)) roots.push({ name: drive, path: drive });
      }
    } else roots.push({ name: '/', path: '/' });
    return { path: null, parent: null, folders: roots };
  }
  const resolved = path.resolve(dir);
  if (!(await isDirectory(resolved))) throw settingsRefusal(lang, 'not-a-folder', { path: resolved });
  let entries: Dirent[];
  try {
    entries = await fs.readdir(resolved, { withFileTypes: true });
  } catch (error) {
    throw settingsRefusal(lang, 'folder-unreadable', { path: resolved, code: (error as NodeJS.ErrnoException).code ?? 'error' });
  }
  const folders: FolderListing['folders'] = [];
  for (const entry of entries) {
    const p = path.join(resolved, entry.name);
    // Links to folders count as folders (Windows junctions such as "Documents" often are).
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(p)))) folders.push({ name: entry.name, path: p });
  }
  folders.sort((a, b) => a.name.localeCompare(b.name));
  const parent = path.dirname(resolved);
  return { path: resolved, parent: parent === resolved ? null : parent, folders };
}

async function isDirectory(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}
