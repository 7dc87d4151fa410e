import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../shared/schemas/detect.js';
import { mkdirDurable } from './fs/durable-mkdir.js';
import { errnoOf } from './fs/fs-ops.js';
import { type RefusalText, refusal } from './i18n/engine-text.js';
import type { Lang } from './i18n/translate.js';
import { checkDirWritable } from './fs/writable.js';
import { currentPlatform } from './platform.js';

/**
 * Where journals, backups, history and logs live: TORCHLIFT_DATA_DIR, else the OS's per-user app data
 * folder (%APPDATA%\TorchLift, ~/Library/Application Support/TorchLift, $XDG_DATA_HOME/torchlift).
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: Platform = currentPlatform(env)): string {
  if (env.TORCHLIFT_DATA_DIR) return path.resolve(env.TORCHLIFT_DATA_DIR);
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'windows') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'TorchLift');
  if (platform === 'macos') return path.join(home, 'Library', 'Application Support', 'TorchLift');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'torchlift');
}

/** Why the data folder cannot be used ('ENOTDIR': a file is in the way; 'EACCES'/'EPERM'/'EROFS': not writable). English unless `lang`. */
export function dataDirRefusal(args: { dir: string; code: string; lang?: Lang }): Required<RefusalText> & { code: 'data-dir-unusable' } {
  const variant = ['ENOTDIR', 'EEXIST'].includes(args.code) ? 'not-a-folder' : ['EACCES', 'EPERM', 'EROFS'].includes(args.code) ? 'not-writable' : 'other';
  const built = refusal({ lang: args.lang ?? 'en', code: 'data-dir-unusable', variant, params: { dir: args.dir, code: args.code } });
  return { ...built, code: 'data-dir-unusable' };
}

/**
 * Checks the data folder once before an operation: it exists or can be created, is a folder, and is writable
 * (`write: false` for read-only calls, which only need it not to be a file). Null when it is usable.
 */
export async function checkDataDir(dir: string, opts: { write: boolean }): Promise<ReturnType<typeof dataDirRefusal> | null> {
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) return dataDirRefusal({ dir, code: 'ENOTDIR' });
  } catch (error) {
    const code = errnoOf(error) ?? 'UNKNOWN';
    if (code !== 'ENOENT') return dataDirRefusal({ dir, code });
    if (!opts.write) return null;
  }
  if (!opts.write) return null;
  try {
    await mkdirDurable(dir);
  } catch (error) {
    return dataDirRefusal({ dir, code: errnoOf(error) ?? 'UNKNOWN' });
  }
  const check = await checkDirWritable(dir);
  return check.ok ? null : dataDirRefusal({ dir, code: check.code });
}
