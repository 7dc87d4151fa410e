import { coerce, compare as semverCompare, type SemVer } from 'semver';

/**
 * The one comparison of NVIDIA-style dotted versions (driver "580.65.06", "546.33"; CUDA "12.1", "12.10", "V12.1.105";
 * compute capability "8.9"), for the engine and the UI alike. Python package versions (torch, pip, xformers) are
 * PEP 440, not dotted numbers: they are compared with @renovatebot/pep440 (electron/engine/knowledge/versions.ts).
 *
 * semver does the comparing after coercion. Coercion must be `loose`: NVIDIA pads driver minors and patches with
 * zeros ("580.65.06", "535.54.03"), which strict `semver.coerce` rejects (it returns null for "580.65.06"); loose
 * reads them as numbers (580.65.6), so "535.104.05" > "535.54.03" and "12.10" > "12.9". semver keeps three parts:
 * a fourth (the Windows file version "31.0.15.4633") is normalised to "546.33" before it gets here
 * (normalizeDriverVersion), never compared raw.
 */

/** The version as semver reads it ("580.65.06" → 580.65.6, "12.1" → 12.1.0, "V12.1.105" → 12.1.105), or null. */
export function coerceVersion(v: string): SemVer | null {
  return coerce(v.trim(), { loose: true });
}

/**
 * -1, 0 or 1 for two dotted versions, numerically part by part ("535.104.05" > "535.54.03", "12.10" > "12.9",
 * "580" = "580.0"). A version that cannot be read sorts before every readable one (two unreadable ones are equal).
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const va = coerceVersion(a);
  const vb = coerceVersion(b);
  if (va === null || vb === null) return va === vb ? 0 : va === null ? -1 : 1;
  return semverCompare(va, vb);
}

/** The major number of a dotted version ("12.4" → 12, "580.65.06" → 580), or null when it cannot be read. */
export function majorOf(v: string): number | null {
  return coerceVersion(v)?.major ?? null;
}
