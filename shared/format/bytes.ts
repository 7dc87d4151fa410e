/**
 * The one way a byte count is shown, by the engine (refusals, plan steps), the CLI and the UI alike: 1024-based units
 * named as Windows Explorer names them ("88 KB", "1.1 MB", "77.8 GB"), whole numbers from 100 up, else one decimal.
 * The number is written for the language (Intl); the unit word comes from the caller where it is translated
 * (the UI's `units.*` texts), else as below.
 */

/** Units a byte count is shown in. */
export type ByteUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB';

const UNITS: readonly ByteUnit[] = ['B', 'KB', 'MB', 'GB', 'TB'];

/** The number format of a language; English for a tag Intl does not accept. */
function numberFormat(lang: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, useGrouping: false });
  } catch {
    return new Intl.NumberFormat('en', { maximumFractionDigits: 1, useGrouping: false });
  }
}

/** A byte count for people: 90112 → { n: "88", unit: "KB" }, 83581968384 → { n: "77.8", unit: "GB" }. */
export function byteSize(bytes: number, lang = 'en'): { n: string; unit: ByteUnit } {
  let value = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  let i = 0;
  while (value >= 1024 && i < UNITS.length - 1) {
    value /= 1024;
    i++;
  }
  const rounded = i === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return { n: numberFormat(lang).format(rounded), unit: UNITS[i] ?? 'B' };
}

/** "88 KB", "2 GB": a byte count as one string (engine and CLI texts). */
export function formatBytes(bytes: number, lang = 'en'): string {
  const { n, unit } = byteSize(bytes, lang);
  return `${n} ${unit}`;
}
