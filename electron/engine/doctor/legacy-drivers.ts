import type { Platform } from '../../../shared/schemas/detect.js';
import { compareDriver } from '../knowledge/versions.js';

// CUDA 9.0–10.2 minimum drivers (NVIDIA CUDA Toolkit Release Notes, Table 3, GA rows), which predate the knowledge
// base's 11.0+ rows. Only used to judge old torch builds (cu92–cu102) seen in pasted logs.
const LEGACY: readonly { cuda: string; linux: string; windows: string }[] = [
  { cuda: '9.0', linux: '384.81', windows: '385.54' },
  { cuda: '9.1', linux: '390.46', windows: '391.29' },
  { cuda: '9.2', linux: '396.26', windows: '397.44' },
  { cuda: '10.0', linux: '410.48', windows: '411.31' },
  { cuda: '10.1', linux: '418.39', windows: '418.96' },
  { cuda: '10.2', linux: '440.33', windows: '441.22' },
];

/** The minimum driver for a pre-11 CUDA build, or null. */
export function legacyMinDriver(cuda: string, platform: Platform): string | null {
  const row = LEGACY.find((r) => r.cuda === cuda);
  return row === undefined ? null : platform === 'windows' ? row.windows : row.linux;
}

/** The newest pre-11 CUDA a driver supports, or null when the driver is older than 9.0's. */
export function legacyMaxCuda(driver: string, platform: Platform): string | null {
  let best: string | null = null;
  for (const r of LEGACY) if (compareDriver(driver, platform === 'windows' ? r.windows : r.linux) >= 0) best = r.cuda;
  return best;
}
