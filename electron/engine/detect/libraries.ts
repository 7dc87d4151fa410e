import path from 'node:path';
import type { Library } from '../../../shared/schemas/detect.js';
import { fileSize, listDir, listNames } from './fs-safe.js';
import { classifyLibraryName } from './library-name.js';

/** The folders of a site-packages that hold CUDA/cuDNN libraries: torch/lib and nvidia/<pkg>/lib|bin (cu13 too). */
export async function libraryDirs(sitePackages: string): Promise<string[]> {
  const dirs = [path.join(sitePackages, 'torch', 'lib')];
  const nvidia = path.join(sitePackages, 'nvidia');
  for (const pkg of await listDir(nvidia)) {
    if (!pkg.isDirectory() && !pkg.isSymbolicLink()) continue;
    dirs.push(path.join(nvidia, pkg.name, 'lib'), path.join(nvidia, pkg.name, 'bin'));
  }
  return dirs;
}

/** Lists the CUDA-family libraries in one folder, classified by component and major version. */
export async function librariesIn(dir: string): Promise<Library[]> {
  const names = (await listNames(dir)).sort();
  const rows = await Promise.all(names.map(async (file): Promise<Library | null> => {
    const kind = classifyLibraryName(file);
    if (!kind) return null;
    const bytes = await fileSize(path.join(dir, file));
    if (bytes === null) return null;
    return { file, dir, bytes, component: kind.component, major: kind.major };
  }));
  return rows.filter((r): r is Library => r !== null);
}

/** The CUDA/cuDNN library inventory of one site-packages folder. */
export async function scanLibraries(sitePackages: string): Promise<Library[]> {
  const dirs = await libraryDirs(sitePackages);
  const lists = await Promise.all(dirs.map((d) => librariesIn(d)));
  return lists.flat();
}
