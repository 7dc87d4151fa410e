import path from 'node:path';
import { exeNames, getEnv, pathDirs, systemRoot, type DetectContext } from './detect-context.js';
import { isFile } from './fs-safe.js';

/** Where nvidia-smi was found, or every place that was tried. */
export type NvidiaSmiLocation =
  | { found: true; path: string; foundBy: 'TORCHLIFT_NVIDIA_SMI' | 'PATH' | 'default-location' }
  | { found: false; tried: string[]; forced?: string };

/** The well-known install locations of nvidia-smi under the system root, per platform. */
export function defaultNvidiaSmiPaths(ctx: DetectContext): string[] {
  const root = systemRoot(ctx);
  if (ctx.platform === 'windows') {
    return [
      path.join(root, 'Windows', 'System32', 'nvidia-smi.exe'),
      path.join(root, 'Program Files', 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe'),
    ];
  }
  return [path.join(root, 'usr', 'bin', 'nvidia-smi'), path.join(root, 'usr', 'local', 'bin', 'nvidia-smi')];
}

/**
 * Finds nvidia-smi: TORCHLIFT_NVIDIA_SMI when set (authoritative: if it is not a file, nothing else is tried and
 * `forced` names it; `none` means "no nvidia-smi", as on a machine without a driver), then PATH, then the default
 * locations (System32 and the legacy NVSMI folder on Windows).
 */
export async function locateNvidiaSmi(ctx: DetectContext): Promise<NvidiaSmiLocation> {
  const forced = getEnv(ctx.env, 'TORCHLIFT_NVIDIA_SMI')?.trim();
  if (forced) {
    if (forced.toLowerCase() === 'none') return { found: false, tried: [] };
    return (await isFile(forced)) ? { found: true, path: forced, foundBy: 'TORCHLIFT_NVIDIA_SMI' } : { found: false, tried: [forced], forced };
  }
  const names = exeNames('nvidia-smi', ctx.platform);
  const onPath = pathDirs(ctx).flatMap((d) => names.map((n) => path.join(d, n)));
  const defaults = defaultNvidiaSmiPaths(ctx);
  const [pathHits, defaultHits] = await Promise.all([
    Promise.all(onPath.map((p) => isFile(p))),
    Promise.all(defaults.map((p) => isFile(p))),
  ]);
  const pathIndex = pathHits.indexOf(true);
  if (pathIndex !== -1) return { found: true, path: onPath[pathIndex] ?? '', foundBy: 'PATH' };
  const defaultIndex = defaultHits.indexOf(true);
  if (defaultIndex !== -1) return { found: true, path: defaults[defaultIndex] ?? '', foundBy: 'default-location' };
  return { found: false, tried: [...new Set([...onPath, ...defaults])] };
}
