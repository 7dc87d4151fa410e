import type { Platform } from '../../shared/schemas/detect.js';

/**
 * The platform the engine reasons about. TORCHLIFT_PLATFORM overrides it so Windows-layout simulated
 * machines run on Linux with Windows rules (DLL names, the Windows driver column, System32 locations).
 */
export function currentPlatform(env: NodeJS.ProcessEnv = process.env): Platform {
  const forced = env.TORCHLIFT_PLATFORM;
  if (forced === 'windows' || forced === 'linux' || forced === 'macos') return forced;
  if (process.platform === 'win32') return 'windows';
  if (process.platform === 'darwin') return 'macos';
  return 'linux';
}
