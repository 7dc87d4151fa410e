import { z } from 'zod';
import { getEnv } from '../../detect/detect-context.js';
import { majorMinor as mmOrNull } from '../../knowledge/versions.js';
import { majorOf } from '../../../../shared/versions.js';

/**
 * Where NVIDIA publishes CUDA installers, per-component archives and cuDNN archives (facts §14,
 * upgrade-and-toolkit.md §2.1–2.4), with TORCHLIFT_NVIDIA_DOWNLOADS standing in for the host (mirrors, tests).
 */
export const NVIDIA_DEFAULT_BASE = 'https://developer.download.nvidia.com';

export function nvidiaBase(env: NodeJS.ProcessEnv): string {
  return (getEnv(env, 'TORCHLIFT_NVIDIA_DOWNLOADS') ?? NVIDIA_DEFAULT_BASE).replace(/\/+$/, '');
}

/**
 * The newest update of each CUDA minor release (X.Y → X.Y.Z), from the "Update" rows of the release notes'
 * Table 3 (facts §1a). `--version X.Y.Z` picks another one.
 */
export const LATEST_UPDATE: Readonly<Record<string, string>> = {
  '11.8': '11.8.0', '12.0': '12.0.1', '12.1': '12.1.1', '12.2': '12.2.2', '12.3': '12.3.2', '12.4': '12.4.1', '12.5': '12.5.1',
  '12.6': '12.6.3', '12.8': '12.8.1', '12.9': '12.9.1', '13.0': '13.0.2', '13.1': '13.1.1', '13.2': '13.2.2',
};

/** X.Y.Z for an input of X.Y or X.Y.Z; null for a minor NVIDIA never released. */
export function cudaReleaseOf(version: string): string | null {
  if (/^\d+\.\d+\.\d+$/.test(version)) return version;
  return LATEST_UPDATE[version] ?? null;
}

export const majorMinor = (v: string): string => mmOrNull(v) ?? v;

export const md5sumUrl = (base: string, release: string): string => `${base}/compute/cuda/${release}/docs/sidebar/md5sum.txt`;
export const installerUrl = (base: string, release: string, file: string): string => `${base}/compute/cuda/${release}/local_installers/${file}`;
export const cudaRedistManifestUrl = (base: string, release: string): string => `${base}/compute/cuda/redist/redistrib_${release}.json`;
export const cudaRedistUrl = (base: string, relativePath: string): string => `${base}/compute/cuda/redist/${relativePath}`;
export const cudnnManifestUrl = (base: string, version: string): string => `${base}/compute/cudnn/redist/redistrib_${version}.json`;
export const cudnnRedistUrl = (base: string, relativePath: string): string => `${base}/compute/cudnn/redist/${relativePath}`;

/** `<md5> <filename>` lines (one or more spaces; a `*` before binary names in some copies). */
export function parseMd5sums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{32})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m) out.set(m[2]!.split('/').pop()!, m[1]!.toLowerCase());
  }
  return out;
}

/** The local installer for a platform among md5sum.txt's names (`cuda_<X.Y.Z>[_<driver>]_windows.exe`, `…_linux.run`). */
export function installerFileName(names: Iterable<string>, release: string, platform: 'windows' | 'linux'): string | null {
  const suffix = platform === 'windows' ? /_(windows|win10)\.exe$/ : /_linux\.run$/;
  for (const n of names) if (n.startsWith(`cuda_${release}_`) && suffix.test(n) && !n.includes('network')) return n;
  return null;
}

const Artifact = z.object({ relative_path: z.string(), sha256: z.string(), md5: z.string().optional(), size: z.union([z.string(), z.number()]).optional() });
export type Artifact = { relativePath: string; sha256: string; md5: string | null; bytes: number | null };

const toArtifact = (a: z.infer<typeof Artifact>): Artifact => ({
  relativePath: a.relative_path, sha256: a.sha256.toLowerCase(), md5: a.md5?.toLowerCase() ?? null,
  bytes: a.size === undefined || !/^\d+$/.test(String(a.size)) ? null : Number(a.size),
});

/** NVIDIA's platform key for the redistributable manifests. */
export const redistPlatform = (platform: 'windows' | 'linux'): string => (platform === 'windows' ? 'windows-x86_64' : 'linux-x86_64');

/** Components of `redistrib_<X.Y.Z>.json` available for a platform: key → version and archive. */
export function parseCudaManifest(json: unknown, platform: 'windows' | 'linux'): Map<string, { version: string; artifact: Artifact }> {
  const out = new Map<string, { version: string; artifact: Artifact }>();
  if (typeof json !== 'object' || json === null) return out;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    const parsed = Artifact.safeParse(entry[redistPlatform(platform)]);
    if (!parsed.success) continue;
    out.set(key, { version: typeof entry.version === 'string' ? entry.version : '', artifact: toArtifact(parsed.data) });
  }
  return out;
}

/** The cuDNN archive of `redistrib_<ver>.json` for a platform and CUDA major (`cuda12`), with the full cuDNN version. */
export function parseCudnnManifest(json: unknown, platform: 'windows' | 'linux', cudaMajor: number): { version: string; artifact: Artifact | null; variants: string[] } | null {
  const cudnn = (json as { cudnn?: Record<string, unknown> } | null)?.cudnn;
  if (typeof cudnn !== 'object' || cudnn === null) return null;
  const byPlatform = cudnn[redistPlatform(platform)] as Record<string, unknown> | undefined;
  if (typeof byPlatform !== 'object' || byPlatform === null) return null;
  const variants = Object.keys(byPlatform).filter((k) => /^cuda\d+$/.test(k));
  const parsed = Artifact.safeParse(byPlatform[`cuda${cudaMajor}`] ?? (variants.length === 0 ? byPlatform : undefined));
  if (!parsed.success) return { version: String(cudnn.version ?? ''), artifact: null, variants };
  return { version: String(cudnn.version ?? ''), artifact: toArtifact(parsed.data), variants };
}

/**
 * The Windows installer subpackages for a toolkit without the driver (facts §8a, §14): runtime, nvcc, cuBLAS, NVRTC,
 * nvJitLink (12+), the demo suite (≤ 12.x), 13.x's crt/nvvm. Never Display.Driver, Visual Studio integration or Nsight.
 */
export function windowsSubpackages(version: string): string[] {
  const mm = majorMinor(version);
  const major = majorOf(mm) ?? 0;
  const names = ['cudart', 'nvcc', 'cublas', 'cublas_dev', 'nvrtc', 'nvrtc_dev'];
  if (major >= 12) names.push('nvjitlink');
  if (major >= 13) names.push('crt', 'nvvm', 'nvptxcompiler');
  if (major <= 12) names.push('demo_suite');
  return names.map((n) => `${n}_${mm}`);
}

/** Subpackages that must never reach an installer command line. */
export const FORBIDDEN_SUBPACKAGE = /^(Display\.Driver|visual_studio_integration|nsight)/i;

/** The redistributable components a user-mode toolkit needs (those the manifest has). */
export const USER_COMPONENTS = ['cuda_cudart', 'cuda_nvcc', 'cuda_nvrtc', 'libcublas', 'libnvjitlink', 'cuda_cccl', 'cuda_crt', 'libnvvm', 'libnvptxcompiler', 'cuda_demo_suite'];
