/** VRAM for people: 12282 MiB → "12 GB" (cards are sold in whole GB; odd MiB counts are reserved memory). */
export function formatVram(mib: number | null | undefined): string | null {
  if (mib === null || mib === undefined || !Number.isFinite(mib) || mib <= 0) return null;
  const gib = mib / 1024;
  return gib >= 1 ? `${Math.round(gib)} GB` : `${Math.round(mib)} MiB`;
}
