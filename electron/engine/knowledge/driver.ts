import type { Platform } from '../../../shared/schemas/detect.js';
import { cudaDriverRows } from './load.js';
import type { CudaDriverRow } from './schemas.js';
import { compareDriver, compareMajorMinor, majorMinor, memoized, normalizeDriverVersion } from './versions.js';

type NativeRow = Extract<CudaDriverRow, { kind: 'native-max' }>;
type FloorRow = Extract<CudaDriverRow, { kind: 'family-floor' }>;

const nativeRows = (): NativeRow[] => memoized('native-rows', () => cudaDriverRows().filter((r): r is NativeRow => r.kind === 'native-max'));
const floorRows = (): FloorRow[] => memoized('floor-rows', () => cudaDriverRows().filter((r): r is FloorRow => r.kind === 'family-floor'));
const column = (r: NativeRow | FloorRow, platform: Platform): string | null => (platform === 'windows' ? r.windows : platform === 'linux' ? r.linux : null);

/** Highest CUDA the driver supports natively (what nvidia-smi prints as "CUDA Version"), per platform (§1c). */
export function maxCudaForDriver(driverVersion: string, platform: Platform): string | null {
  return memoized(`maxcuda|${driverVersion}|${platform}`, () => computeMaxCuda(driverVersion, platform));
}

function computeMaxCuda(driverVersion: string, platform: Platform): string | null {
  const have = normalizeDriverVersion(driverVersion);
  if (have === null) return null;
  let best: string | null = null;
  for (const r of nativeRows()) {
    const min = column(r, platform);
    if (min === null || compareDriver(have, min) < 0) continue;
    if (best === null || compareMajorMinor(r.cuda, best) > 0) best = r.cuda;
  }
  return best;
}

/** The driver that runs a CUDA X.Y build natively, plus the family's minor-version-compat floor (§1a–§1c). */
export function minDriverForCuda(
  cudaVersion: string,
  platform: Platform,
): { version: string; minorCompatFloor: string | null; confirmed: boolean } | null {
  return memoized(`mindriver|${cudaVersion}|${platform}`, () => computeMinDriver(cudaVersion, platform));
}

function computeMinDriver(cudaVersion: string, platform: Platform): { version: string; minorCompatFloor: string | null; confirmed: boolean } | null {
  const mm = majorMinor(cudaVersion);
  const row = nativeRows().find((r) => r.cuda === mm);
  const version = row === undefined ? null : column(row, platform);
  if (row === undefined || version === null) return null;
  const unconfirmedHere = platform === 'windows' && (row.unconfirmedPlatforms ?? []).includes('windows');
  return { version, minorCompatFloor: cudaFamilyFloor(cudaVersion, platform), confirmed: row.confirmed && !unconfirmedHere };
}

/**
 * The lowest driver that loads a CUDA X.Y runtime: the family's minor-version-compatibility floor (§1b, 11.x and
 * later), else — for families without one (CUDA 9/10 had no minor-version compatibility) — X.Y's own native minimum.
 */
export function cudaFamilyFloor(cudaVersion: string, platform: Platform): string | null {
  const family = cudaVersion.trim().split('.')[0];
  const row = floorRows().find((r) => r.family === family);
  if (row !== undefined) return column(row, platform);
  const mm = majorMinor(cudaVersion);
  const native = nativeRows().find((r) => r.cuda === mm);
  return native === undefined ? null : column(native, platform);
}

/**
 * Recommendation rule (conservative on purpose): a driver supports a CUDA build only when the build's CUDA is
 * ≤ the driver's native max. Minor-version compatibility is not counted (PTX JIT, cuDNN 9.10 for 12.8 need
 * the native driver); see driverLoadsCuda for the doctor's finer answer.
 */
export function driverSupportsCuda(driverVersion: string, cudaVersion: string, platform: Platform): boolean {
  const max = maxCudaForDriver(driverVersion, platform);
  const mm = majorMinor(cudaVersion);
  return max !== null && mm !== null && compareMajorMinor(mm, max) <= 0;
}

/**
 * How a driver copes with a CUDA runtime: 'native' (full support), 'minor-compat' (loads through minor-version
 * compatibility; some kernels/JIT may fail), or 'no' ("CUDA driver version is insufficient").
 */
export function driverLoadsCuda(driverVersion: string, cudaVersion: string, platform: Platform): 'native' | 'minor-compat' | 'no' {
  if (driverSupportsCuda(driverVersion, cudaVersion, platform)) return 'native';
  const have = normalizeDriverVersion(driverVersion);
  const floor = cudaFamilyFloor(cudaVersion, platform);
  return have !== null && floor !== null && compareDriver(have, floor) >= 0 ? 'minor-compat' : 'no';
}
