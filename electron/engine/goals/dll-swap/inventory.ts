import path from 'node:path';
import { librariesIn, libraryDirs } from '../../detect/libraries.js';
import { isDir } from '../../detect/fs-safe.js';
import { libraryKey } from '../../detect/library-name.js';
import type { LibFile } from './match-files.js';

/** Where a CUDA toolkit keeps its runtime libraries: bin\ (bin\x64 for 13+) on Windows, lib64/ on Linux. */
export const TOOLKIT_LIB_DIRS = ['.', 'bin', path.join('bin', 'x64'), 'lib64', path.join('targets', 'x86_64-linux', 'lib'), 'lib'];

/** Where an unpacked cuDNN archive keeps its libraries: bin\ (bin\x64 in newer zips) or lib/ (lib64/). */
export const CUDNN_LIB_DIRS = ['.', 'bin', path.join('bin', 'x64'), 'lib', 'lib64', path.join('lib', 'x86_64-linux-gnu')];

/** The CUDA-family libraries of an install's site-packages (torch/lib, nvidia/*\/lib) that have a key. */
export async function installLibraries(sitePackages: string): Promise<{ dirs: string[]; files: LibFile[] }> {
  const dirs = (await Promise.all((await libraryDirs(sitePackages)).map(async (d) => ((await isDir(d)) ? d : null)))).filter((d): d is string => d !== null);
  return { dirs, files: await scan(dirs) };
}

/** The libraries of a source root (toolkit or cuDNN archive), one per key, the first folder winning. */
export async function sourceLibraries(root: string, subdirs: readonly string[]): Promise<LibFile[]> {
  const dirs = [...new Set(subdirs.map((d) => path.resolve(root, d)))];
  const seen = new Set<string>();
  const out: LibFile[] = [];
  for (const file of await scan(dirs)) {
    const key = libraryKey(file.name);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    out.push(file);
  }
  return out;
}

async function scan(dirs: readonly string[]): Promise<LibFile[]> {
  const lists = await Promise.all(dirs.map((d) => librariesIn(d)));
  return lists.flat()
    .filter((l) => libraryKey(l.file) !== null)
    .map((l) => ({ path: path.join(l.dir, l.file), name: l.file, component: l.component, major: l.major ?? null, bytes: l.bytes }));
}
