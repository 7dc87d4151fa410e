import path from 'node:path';
import type { Platform } from '../../../shared/schemas/detect.js';
import { currentPlatform } from '../platform.js';

/** What every detection function receives explicitly: the environment and the platform rules to apply. */
export interface DetectContext {
  env: NodeJS.ProcessEnv;
  platform: Platform;
}

/** Fills in defaults (process.env, currentPlatform) for optional context fields. */
export function resolveContext(opts: { env?: NodeJS.ProcessEnv; platform?: Platform } = {}): DetectContext {
  const env = opts.env ?? process.env;
  return { env, platform: opts.platform ?? currentPlatform(env) };
}

/** Reads an environment variable; falls back to a case-insensitive match (Windows copies keep "Path"). */
export function getEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const exact = env[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const key = Object.keys(env).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : env[key];
}

/** The folder standing in for C:\ (windows) or / (linux): TORCHLIFT_SYSTEM_ROOT, else the real one. */
export function systemRoot(ctx: DetectContext): string {
  const forced = getEnv(ctx.env, 'TORCHLIFT_SYSTEM_ROOT');
  if (forced) return forced;
  if (ctx.platform === 'windows' && process.platform === 'win32') {
    return `${getEnv(ctx.env, 'SystemDrive') ?? 'C:'}\\`;
  }
  return path.parse(process.cwd()).root;
}

/** The directories of PATH, in order, without empties. */
export function pathDirs(ctx: DetectContext): string[] {
  const value = getEnv(ctx.env, 'PATH') ?? '';
  return value.split(path.delimiter).filter((d) => d.trim() !== '');
}

/** The user's home folder from USERPROFILE (windows) or HOME, or null. */
export function homeDir(ctx: DetectContext): string | null {
  const order = ctx.platform === 'windows' ? ['USERPROFILE', 'HOME'] : ['HOME', 'USERPROFILE'];
  for (const name of order) {
    const value = getEnv(ctx.env, name);
    if (value) return value;
  }
  return null;
}

/** Executable file names to try for a program: "nvcc.exe" then "nvcc" on windows, "nvcc" elsewhere. */
export function exeNames(base: string, platform: Platform): string[] {
  return platform === 'windows' ? [`${base}.exe`, base] : [base];
}
