import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../shared/schemas/detect.js';
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
