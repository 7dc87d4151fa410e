import fs from 'node:fs/promises';
import path from 'node:path';
import { getEnv, homeDir, systemRoot, type DetectContext } from '../../detect/detect-context.js';

/** Where a toolkit goes: NVIDIA's default (system mode) or a per-user folder TorchLift owns (user mode). */
export function toolkitTarget(ctx: DetectContext, mode: 'system' | 'user', mm: string, dataDir: string): string {
  if (mode === 'system') {
    return ctx.platform === 'windows'
      ? path.join(systemRoot(ctx), 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', `v${mm}`)
      : path.join(systemRoot(ctx), 'usr', 'local', `cuda-${mm}`);
  }
  const home = homeDir(ctx);
  if (ctx.platform === 'windows') {
    const local = getEnv(ctx.env, 'LOCALAPPDATA') ?? (home === null ? null : path.join(home, 'AppData', 'Local'));
    return local === null ? path.join(dataDir, 'CUDA', `v${mm}`) : path.join(local, 'TorchLift', 'CUDA', `v${mm}`);
  }
  const share = getEnv(ctx.env, 'XDG_DATA_HOME') ?? (home === null ? null : path.join(home, '.local', 'share'));
  return share === null ? path.join(dataDir, 'cuda', `cuda-${mm}`) : path.join(share, 'torchlift', `cuda-${mm}`);
}

/** The folders of `dir` that do not exist yet, outermost first (the goal creates them and removes them on undo). */
export async function missingDirs(dir: string): Promise<string[]> {
  const out: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      await fs.stat(at);
      return out;
    } catch {
      out.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) return out;
      at = parent;
    }
  }
}

/** True when a file or a folder can be created at `dir` (the nearest existing folder is writable). */
export async function canCreateIn(dir: string): Promise<boolean> {
  let at = path.resolve(dir);
  for (;;) {
    try {
      await fs.access(at, fs.constants.W_OK);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') return false;
      const parent = path.dirname(at);
      if (parent === at) return false;
      at = parent;
    }
  }
}

/** The names in a folder (empty when it does not exist). */
export async function namesIn(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}
