import { satisfies } from '@renovatebot/pep440';
import type { Platform } from '../../../shared/schemas/detect.js';
import { compareVersions } from '../../../shared/versions.js';
import { archRows } from './load.js';
import { cudaTagToVersion, majorMinor, memoized, releaseOf } from './versions.js';

/** "sm_86" → {kind:'sass', major:8, minor:6}; "compute_120" → {kind:'ptx', major:12, minor:0}; null otherwise. */
export function parseArch(arch: string): { kind: 'sass' | 'ptx'; major: number; minor: number } | null {
  return memoized(`parsearch|${arch}`, () => computeParseArch(arch));
}

function computeParseArch(arch: string): { kind: 'sass' | 'ptx'; major: number; minor: number } | null {
  const m = /^(sm|compute)_(\d+)(\d)[af]?$/.exec(arch.trim());
  if (m === null) return null;
  return { kind: m[1] === 'sm' ? 'sass' : 'ptx', major: Number(m[2]), minor: Number(m[3]) };
}

/** "8.9" → [8, 9]. */
function parseCc(cc: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)$/.exec(cc.trim());
  return m === null ? null : [Number(m[1]), Number(m[2])];
}

/** Does one compiled arch run on a GPU of this CC? SASS within the same major at ≤ minor; PTX on anything ≥. */
export function archRunsOnCc(arch: string, cc: string): boolean {
  const a = parseArch(arch);
  const c = parseCc(cc);
  if (a === null || c === null) return false;
  if (a.kind === 'sass') return a.major === c[0] && a.minor <= c[1];
  return a.major < c[0] || (a.major === c[0] && a.minor <= c[1]);
}

/** Whether a build with these archs has kernels for the GPU (sm_86 runs on 8.9, not on 9.0; compute_X runs on ≥ X). */
export function buildRunsOnCc(archs: readonly string[], cc: string): boolean {
  return archs.some((a) => archRunsOnCc(a, cc));
}

/**
 * Whether a torch build with this arch list has kernels for a GPU of compute capability `cc`: 'runs', 'gpu-newer'
 * (the build predates the GPU: sm_120 on a cu124 build) or 'gpu-older' (the build has moved past it: Pascal on
 * cu128). Null when either is unknown. The doctor's gpu-arch-unsupported / gpu-too-old-for-torch findings and each
 * scanned install's `torch.gpuSupport` come from this one function.
 */
export function archFit(cc: string | null | undefined, archs: readonly string[]): 'runs' | 'gpu-newer' | 'gpu-older' | null {
  if (!cc || parseCc(cc) === null || archs.length === 0 || archs.every((a) => parseArch(a) === null)) return null;
  if (buildRunsOnCc(archs, cc)) return 'runs';
  const span = archSpan(archs);
  return span !== null && compareVersions(cc, span.highestCc) < 0 ? 'gpu-older' : 'gpu-newer';
}

/** NVIDIA's architecture name for a compute capability ("8.9" → "Ada Lovelace", "12.0" → "Blackwell"); null when unknown. */
export function architectureOf(cc: string): string | null {
  const c = parseCc(cc);
  if (c === null) return null;
  const [major, minor] = c;
  if (major === 3) return 'Kepler';
  if (major === 5) return 'Maxwell';
  if (major === 6) return 'Pascal';
  if (major === 7) return minor >= 5 ? 'Turing' : 'Volta';
  if (major === 8) return minor === 9 ? 'Ada Lovelace' : 'Ampere';
  if (major === 9) return 'Hopper';
  if (major === 10 || major === 11 || major === 12) return 'Blackwell';
  return null;
}

/** "sm_120" for a compute capability "12.0" (how torch names it in arch lists and warnings); null when unreadable. */
export function smOf(cc: string): string | null {
  const c = parseCc(cc);
  return c === null ? null : `sm_${c[0]}${c[1]}`;
}

/** The arch list of an official torch wheel (torch "2.5.1+cu121" or "2.5.1", tag "cu121" or "12.1"), per OS (§3). */
export function archListFor(
  torchVersion: string,
  cudaTag: string,
  platform: Platform,
): { archs: string[]; confirmed: boolean; unconfirmedArchs: string[] } | null {
  if (platform === 'macos') return null;
  const r = memoized(`arch|${torchVersion}|${cudaTag}|${platform}`, () => lookupArchList(torchVersion, cudaTag, platform));
  return r === null ? null : { archs: [...r.archs], confirmed: r.confirmed, unconfirmedArchs: [...r.unconfirmedArchs] };
}

function lookupArchList(torchVersion: string, cudaTag: string, platform: Platform): { archs: string[]; confirmed: boolean; unconfirmedArchs: string[] } | null {
  const release = releaseOf(torchVersion);
  const cuda = cudaTag.startsWith('cu') ? cudaTagToVersion(cudaTag) : majorMinor(cudaTag);
  if (release === null || cuda === null) return null;
  const rows = archRows().filter((r) => r.platform === platform && r.cuda === cuda && satisfies(release, r.torch));
  const row = rows.find((r) => r.confirmed) ?? rows[0];
  return row === undefined ? null : { archs: [...row.archs], confirmed: row.confirmed, unconfirmedArchs: [...(row.unconfirmedArchs ?? [])] };
}

/**
 * Stricter than buildRunsOnCc, for recommendations: SASS for the GPU's major, or PTX of the same major. PTX from an
 * older generation (compute_37 JIT on sm_120) is not counted: first-run JIT is slow and the bundled cuBLAS/cuDNN have
 * no kernels for the new GPU (facts.md §3: RTX 50xx needs cu128+).
 */
export function buildRunsWithoutCrossGenJit(archs: readonly string[], cc: string): boolean {
  const major = parseCc(cc)?.[0];
  if (major === undefined) return false;
  return archs.some((a) => archRunsOnCc(a, cc) && (parseArch(a)?.kind === 'sass' || parseArch(a)?.major === major));
}

/** Highest and lowest CC a list serves, for messages ("stops at sm_90"). */
export function archSpan(archs: readonly string[]): { lowest: string; highest: string; lowestCc: string; highestCc: string } | null {
  const parsed = archs.map(parseArch).filter((a) => a !== null);
  if (parsed.length === 0) return null;
  const key = (a: { major: number; minor: number }): number => a.major * 10 + a.minor;
  const sorted = [...parsed].sort((a, b) => key(a) - key(b));
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  if (lo === undefined || hi === undefined) return null;
  return { lowest: `sm_${lo.major}${lo.minor}`, highest: `sm_${hi.major}${hi.minor}`, lowestCc: `${lo.major}.${lo.minor}`, highestCc: `${hi.major}.${hi.minor}` };
}
