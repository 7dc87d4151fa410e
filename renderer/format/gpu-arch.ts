/** NVIDIA's architecture name for a compute capability ("8.9" → "Ada Lovelace"), or null when unknown. */
export function archName(cc: string | null | undefined): string | null {
  if (!cc) return null;
  const m = /^(\d+)\.(\d+)$/.exec(cc.trim());
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 3) return 'Kepler';
  if (major === 5) return 'Maxwell';
  if (major === 6) return 'Pascal';
  if (major === 7) return minor >= 5 ? 'Turing' : 'Volta';
  if (major === 8) return minor === 9 ? 'Ada Lovelace' : 'Ampere';
  if (major === 9) return 'Hopper';
  if (major === 10 || major === 11 || major === 12) return 'Blackwell';
  return null;
}

/** VRAM for people: 12282 MiB → "12 GB" (cards are sold in whole GB; odd MiB counts are reserved memory). */
export function formatVram(mib: number | null | undefined): string | null {
  if (mib === null || mib === undefined || !Number.isFinite(mib) || mib <= 0) return null;
  const gib = mib / 1024;
  return gib >= 1 ? `${Math.round(gib)} GB` : `${Math.round(mib)} MiB`;
}

/** "sm_120" for a compute capability "12.0" (how torch names it in arch lists and warnings). */
export function smName(cc: string | null | undefined): string | null {
  const m = cc ? /^(\d+)\.(\d+)$/.exec(cc.trim()) : null;
  return m ? `sm_${m[1]}${m[2]}` : null;
}

/**
 * Whether a torch arch list can run on a GPU of compute capability `cc`: SASS for the same major at or below
 * the GPU's minor (binary compatible), or PTX (`compute_XY`) at or below it (JIT). Null when either is unknown.
 */
export function archSupported(cc: string | null | undefined, archList: readonly string[]): boolean | null {
  const m = cc ? /^(\d+)\.(\d+)$/.exec(cc.trim()) : null;
  if (!m || archList.length === 0) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return archList.some((entry) => {
    const a = /^(sm|compute)_(\d+?)(\d)a?$/.exec(entry.trim());
    if (!a) return false;
    const aMajor = Number(a[2]);
    const aMinor = Number(a[3]);
    if (a[1] === 'sm') return aMajor === major && aMinor <= minor;
    return aMajor < major || (aMajor === major && aMinor <= minor);
  });
}
