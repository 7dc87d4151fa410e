import { compare, satisfies } from '@renovatebot/pep440';
import type { Platform } from '../../../shared/schemas/detect.js';
import { xformersRows } from './load.js';
import type { XformersRow } from './schemas.js';
import { memoized, releaseOf } from './versions.js';

/** Every xformers release built for this torch (optionally one CUDA variant and platform), newest first. */
export function xformersCandidates(torchVersion: string, cudaTag?: string, platform?: Platform): XformersRow[] {
  return [...memoized(`xf|${torchVersion}|${cudaTag}|${platform}`, () => findXformers(torchVersion, cudaTag, platform))];
}

function findXformers(torchVersion: string, cudaTag: string | undefined, platform: Platform | undefined): XformersRow[] {
  const release = releaseOf(torchVersion);
  if (release === null) return [];
  const windowsOk = (r: XformersRow): boolean =>
    platform !== 'windows' || (cudaTag === undefined ? r.windows.length > 0 : r.windows.includes(cudaTag));
  return xformersRows()
    .filter((r) => satisfies(release, r.torch) && (cudaTag === undefined || r.cuda.includes(cudaTag)) && windowsOk(r))
    .sort((a, b) => compare(b.version, a.version));
}

/**
 * The newest xformers built for this torch (exact pin until 0.0.33.x; ≥ 0.0.34 for torch ≥ 2.10, stable ABI),
 * optionally for one CUDA variant and platform (Windows wheels exist only for some variants, e.g. cu124 only for 0.0.28.x).
 */
export function xformersFor(torchVersion: string, cudaTag?: string, platform?: Platform): XformersRow | null {
  return xformersCandidates(torchVersion, cudaTag, platform)[0] ?? null;
}

/** The xformers release row ("0.0.23.post1"), or null. */
export function xformersRelease(version: string): XformersRow | null {
  const v = version.trim().split('+')[0] ?? '';
  return xformersRows().find((r) => r.version === v) ?? null;
}

/** The torch an xformers release was built against ("0.0.23.post1" → "2.1.2"; ≥ 0.0.34 → "2.10.0"). */
export function xformersBuiltFor(xformersVersion: string): string | null {
  return xformersRelease(xformersVersion)?.builtAgainst ?? null;
}

/** Lowest compute capability with compiled xformers kernels for this release and CUDA major. */
export function xformersArchFloor(row: XformersRow, cudaTag: string): string {
  const major = /^cu(\d+)\d$/.exec(cudaTag)?.[1];
  return (major !== undefined ? row.archFloorByCudaMajor?.[major] : undefined) ?? row.archFloor;
}
