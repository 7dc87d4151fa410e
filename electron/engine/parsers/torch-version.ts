// Torch version strings ("2.1.2+cu121", "2.5.1+rocm6.2", "1.13.0a0") and CUDA version/tag/integer conversions.
import { explain, valid } from '@renovatebot/pep440';

/** What a torch version string says about its build. */
export interface TorchVersion {
  /** The normalised full version, local part included: "2.1.2+cu121". */
  version: string;
  /** The public version without the local part: "2.1.2", "2.7.0.dev20250301", "1.13.0a0". */
  base: string;
  /** The release numbers only: "2.7.0" for "2.7.0.dev20250301+cu128". */
  release: string;
  /** The local part after "+": "cu121", "cpu", "rocm6.2", "9ddd3df"; null when absent. */
  local: string | null;
  /** From the local part; "unknown" when absent (PyPI Linux default builds and conda builds carry no tag). */
  variant: 'cuda' | 'cpu' | 'rocm' | 'unknown';
  cudaTag: string | null;
  cudaVersion: string | null;
  rocmVersion: string | null;
}

/**
 * Whether a torch build has no CUDA: a "+cpu" tag, or (once imported) `torch.version.cuda` None on a build that is not
 * ROCm. The doctor's cpu-only-torch finding reads the same tag (rules/cpu-only-torch.ts); detect puts this on TorchInfo.
 */
export function isCpuOnlyBuild(torch: { version: string; cudaVersion: string | null; imported: boolean }): boolean {
  const variant = parseTorchVersion(torch.version)?.variant ?? (torch.version.includes('+cpu') ? 'cpu' : 'unknown');
  return variant === 'cpu' || (torch.imported && torch.cudaVersion === null && variant !== 'rocm');
}

/** Parses a torch `__version__`; null when it is not a valid PEP 440 version. */
export function parseTorchVersion(v: string): TorchVersion | null {
  const trimmed = v.trim().replace(/^v(?=\d)/, '');
  const normalised = valid(trimmed);
  const parts = explain(trimmed);
  if (normalised === null || parts === null) return null;
  const local = parts.local ?? null;
  const cudaTag = /^cu\d{2,3}(?=$|\.)/.exec(local ?? '')?.[0] ?? null;
  const rocm = /^rocm(\d+(?:\.\d+)*)/.exec(local ?? '');
  const variant = cudaTag !== null ? 'cuda' : local === 'cpu' ? 'cpu' : rocm !== null ? 'rocm' : 'unknown';
  return {
    version: normalised,
    base: parts.public,
    release: parts.release.join('.'),
    local,
    variant,
    cudaTag,
    cudaVersion: cudaTag === null ? null : cudaTagToVersion(cudaTag),
    rocmVersion: rocm?.[1] ?? null,
  };
}

/** "cu121" → "12.1", "cu118" → "11.8", "cu92" → "9.2", "cu130" → "13.0"; null for anything else. */
export function cudaTagToVersion(tag: string): string | null {
  const digits = /^cu(\d{2,3})$/.exec(tag.trim().toLowerCase())?.[1];
  if (digits === undefined) return null;
  return `${Number(digits.slice(0, -1))}.${digits.slice(-1)}`;
}

/** "12.1" (or "12.1.105") → "cu121"; null when not a CUDA version or the minor has two digits. */
export function cudaVersionToTag(version: string): string | null {
  const normalised = normaliseCudaVersion(version);
  if (normalised === null) return null;
  const [major, minor] = normalised.split('.');
  return minor !== undefined && minor.length === 1 ? `cu${major}${minor}` : null;
}

/**
 * Decodes CUDA version integers: driver-API style 1000*major+10*minor (11040 → "11.4", 12080 → "12.8", 9020 → "9.2")
 * and xformers' 100*major+minor (1201 → "12.1", 1107 → "11.7"; 1180 read as "11.8"). Null when it fits neither.
 */
export function cudaIntToVersion(n: number): string | null {
  if (!Number.isInteger(n) || n <= 0) return null;
  if (n >= 10000 || (n >= 7000 && n < 10000 && n % 10 === 0 && n % 1000 < 100)) {
    return `${Math.floor(n / 1000)}.${Math.floor((n % 1000) / 10)}`;
  }
  if (n >= 1000) {
    const minor = n % 100;
    if (minor < 10) return `${Math.floor(n / 100)}.${minor}`;
    if (minor % 10 === 0) return `${Math.floor(n / 100)}.${minor / 10}`;
    return null;
  }
  if (n >= 100 && n % 100 < 10) return `${Math.floor(n / 100)}.${n % 100}`;
  return null;
}

/** "12.1.105" → "12.1", "V12.4.99" → "12.4", "12" → "12.0"; null when not a version. */
export function normaliseCudaVersion(version: string): string | null {
  const match = /^\s*[Vv]?(\d{1,2})(?:\.(\d{1,2}))?(?:\.\d+)*\s*$/.exec(version);
  if (match?.[1] === undefined) return null;
  return `${Number(match[1])}.${Number(match[2] ?? '0')}`;
}
