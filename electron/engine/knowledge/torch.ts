import type { Platform } from '../../../shared/schemas/detect.js';
import { torchRows } from './load.js';
import type { TorchRow } from './schemas.js';
import { compareMajorMinor, cudaTagToVersion, majorMinor, memoized, releaseOf } from './versions.js';

/** The torch release row for "2.1.2" / "2.1.2+cu121"; null when the knowledge base has none. */
export function torchRelease(version: string): TorchRow | null {
  return memoized(`torch|${version}`, () => {
    const release = releaseOf(version);
    return torchRows().find((r) => r.version === release) ?? null;
  });
}

/** All torch release rows, oldest first (as in torch-releases.json). */
export function torchReleases(): readonly TorchRow[] {
  return torchRows();
}

/** The torchvision that pairs with a torch release ("2.1.2" → "0.16.2"). */
export function torchvisionFor(torchVersion: string): string | null {
  return torchRelease(torchVersion)?.torchvision ?? null;
}

/** The torchaudio that pairs with a torch release. */
export function torchaudioFor(torchVersion: string): string | null {
  return torchRelease(torchVersion)?.torchaudio ?? null;
}

/** Python support of a torch release: 'supported', 'experimental' (RELEASE.md "exp."), 'unsupported', or 'unknown'. */
export function pythonSupport(torchVersion: string, pythonVersion: string): 'supported' | 'experimental' | 'unsupported' | 'unknown' {
  const row = torchRelease(torchVersion);
  const py = majorMinor(pythonVersion);
  if (row === null || py === null) return 'unknown';
  if (compareMajorMinor(py, row.python.min) >= 0 && compareMajorMinor(py, row.python.max) <= 0) return 'supported';
  return row.python.experimental.includes(py) ? 'experimental' : 'unsupported';
}

/** Whether wheels of this torch exist for this Python (experimental support counts). */
export function pythonSupported(torchVersion: string, pythonVersion: string): boolean {
  const s = pythonSupport(torchVersion, pythonVersion);
  return s === 'supported' || s === 'experimental';
}

/** cuDNN bundled with / pinned by a torch CUDA variant per RELEASE.md ("2.5.1", "cu121" → "9.1.0.70"). */
export function cudnnFor(torchVersion: string, cudaTag: string): string | null {
  const tag = cudaTag.startsWith('cu') ? cudaTag : `cu${cudaTag.replace('.', '')}`;
  return torchRelease(torchVersion)?.variants.find((v) => v.tag === tag)?.cudnn ?? null;
}

/** CUDA version of a variant tag when the release has that variant ("2.5.1", "cu124" → "12.4"). */
export function torchHasVariant(torchVersion: string, cudaTag: string): boolean {
  return torchRelease(torchVersion)?.variants.some((v) => v.tag === cudaTag) ?? false;
}

/** Known platform-specific problems of a release (e.g. torch 2.4.0 on Windows: fbgemm.dll / libomp140). */
export function torchKnownIssues(torchVersion: string, platform: Platform): NonNullable<TorchRow['knownIssues']> {
  return (torchRelease(torchVersion)?.knownIssues ?? []).filter((i) => platform !== 'macos' && i.platforms.includes(platform));
}

/** "cu121" → "12.1" (re-exported for callers that only import torch queries). */
export const cudaOfTag = cudaTagToVersion;
