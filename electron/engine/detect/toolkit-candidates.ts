import path from 'node:path';
import { exeNames, pathDirs, systemRoot, type DetectContext } from './detect-context.js';
import { isDir, isFile, listDir, realPathOrSelf } from './fs-safe.js';

/** A folder that may hold a CUDA toolkit, and what pointed at it. */
export interface ToolkitCandidate {
  root: string;
  foundBy: string;
}

/** CUDA_PATH and every CUDA_PATH_V<major>_<minor> variable, in a stable order. */
export function envToolkitCandidates(ctx: DetectContext): ToolkitCandidate[] {
  const out: ToolkitCandidate[] = [];
  const keys = Object.keys(ctx.env).sort();
  for (const key of keys) {
    const upper = key.toUpperCase();
    if (upper !== 'CUDA_PATH' && !/^CUDA_PATH_V\d+_\d+$/.test(upper)) continue;
    const value = ctx.env[key];
    if (value) out.push({ root: value, foundBy: upper });
  }
  return out.sort((a, b) => (a.foundBy === 'CUDA_PATH' ? -1 : b.foundBy === 'CUDA_PATH' ? 1 : 0));
}

/** Default install folders: Program Files/NVIDIA GPU Computing Toolkit/CUDA/v* (windows), /usr/local/cuda-* and /usr/local/cuda (linux). */
export async function defaultToolkitCandidates(ctx: DetectContext): Promise<ToolkitCandidate[]> {
  const root = systemRoot(ctx);
  const folders = ctx.platform === 'windows'
    ? [path.join(root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA')]
    : [path.join(root, 'usr', 'local'), path.join(root, 'opt')];
  const pattern = ctx.platform === 'windows' ? /^v\d+\.\d+$/i : /^cuda(?:-\d+\.\d+)?$/;
  const lists = await Promise.all(folders.map(async (folder) => (await listDir(folder))
    .filter((d) => pattern.test(d.name) && (d.isDirectory() || d.isSymbolicLink()))
    .map((d) => d.name)
    // versioned folders first so /usr/local/cuda (a link) merges into its target, not the reverse
    .sort((a, b) => Number(a === 'cuda') - Number(b === 'cuda') || a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => ({ root: path.join(folder, name), foundBy: 'default-location' }))));
  return lists.flat();
}

/** The toolkit that each nvcc on PATH belongs to (…/bin/nvcc → …), following links to the real file. */
export async function pathToolkitCandidates(ctx: DetectContext): Promise<ToolkitCandidate[]> {
  const names = exeNames('nvcc', ctx.platform);
  const files = pathDirs(ctx).flatMap((d) => names.map((n) => path.join(d, n)));
  const found = await Promise.all(files.map(async (f) => ((await isFile(f)) ? realPathOrSelf(f) : null)));
  return found
    .filter((f): f is string => f !== null)
    .map((f) => ({ root: path.dirname(path.dirname(f)), foundBy: 'PATH' }));
}

/** True when a folder looks like a CUDA toolkit (a version file, dist-info/, or bin/nvcc with include/cuda_runtime.h). */
export async function isToolkitRoot(root: string): Promise<boolean> {
  if (!(await isDir(root))) return false;
  const [json, txt, dist, header, nvcc, nvccExe] = await Promise.all([
    isFile(path.join(root, 'version.json')), isFile(path.join(root, 'version.txt')), isDir(path.join(root, 'dist-info')),
    isFile(path.join(root, 'include', 'cuda_runtime.h')), isFile(path.join(root, 'bin', 'nvcc')), isFile(path.join(root, 'bin', 'nvcc.exe')),
  ]);
  return json || txt || dist || (header && (nvcc || nvccExe));
}
