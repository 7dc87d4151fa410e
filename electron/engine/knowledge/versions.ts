import { compare } from '@renovatebot/pep440';
import { compareVersions } from '../../../shared/versions.js';

/** Small pure version helpers shared by the knowledge queries. */

/**
 * Numeric dotted compare for driver versions ("550.54.14" vs "551.61"; "580" < "580.65.06"; "535.104.05" > "535.54.03"):
 * semver with loose coercion, shared with the UI (shared/versions.ts).
 */
export function compareDriver(a: string, b: string): number {
  return compareVersions(a, b);
}

/**
 * A driver version as nvidia-smi prints it. Also accepts the Windows file version ("31.0.15.4633" → "546.33").
 * Returns null for anything else.
 */
export function normalizeDriverVersion(v: string): string | null {
  const s = v.trim();
  const win = /^\d+\.\d+\.(\d+)\.(\d+)$/.exec(s);
  if (win !== null && (win[2] ?? '').length === 4) {
    const digits = `${win[1]}${win[2]}`.slice(-5);
    return `${Number(digits.slice(0, 3))}.${digits.slice(3)}`;
  }
  return /^\d+(\.\d+){0,2}$/.test(s) ? s : null;
}

/** "major.minor" of a version string ("3.10.11" → "3.10", "12.4.1" → "12.4"); null when unparseable. */
export function majorMinor(v: string): string | null {
  const m = /^(\d+)\.(\d+)/.exec(v.trim());
  return m === null ? null : `${m[1]}.${m[2]}`;
}

/** Compares "major.minor" strings numerically ("3.9" < "3.10", CUDA "12.9" < "12.10"): the same shared comparison. */
export function compareMajorMinor(a: string, b: string): number {
  return compareVersions(a, b);
}

/** "cu121" → "12.1"; null when it is not a CUDA tag. */
export function cudaTagToVersion(tag: string): string | null {
  const m = /^cu(\d+)(\d)$/.exec(tag.trim());
  return m === null ? null : `${Number(m[1])}.${m[2]}`;
}

/** "12.1" (or "12.1.105") → "cu121". */
export function cudaVersionToTag(version: string): string | null {
  const mm = majorMinor(version);
  return mm === null ? null : `cu${mm.replace('.', '')}`;
}

/** The release part of a torch/xformers version: "2.1.2+cu121" → "2.1.2", "1.13.0a0" → "1.13.0", "2.10" → "2.10.0". */
export function releaseOf(v: string): string | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.(post\d+))?/.exec(v.trim());
  if (m === null) return null;
  return `${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] !== undefined ? `.${m[4]}` : ''}`;
}

const memo = new Map<string, unknown>();

/** Caches a pure lookup by key (the knowledge files never change while the process runs). */
export function memoized<T>(key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/** Forget memoized lookups (tests that swap TORCHLIFT_RESOURCES). */
export function clearMemo(): void {
  memo.clear();
}

/** PEP 440 compare of torch/xformers versions ("2.10.0" > "2.9.1"; local tags ignored for order), memoized. */
export function comparePep440(a: string, b: string): number {
  return memoized(`cmp|${a}|${b}`, () => compare(a, b));
}
