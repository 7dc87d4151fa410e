// cuDNN version from cudnn_version.h (cudnn.h for cuDNN ≤ 7) and from the integer torch reports.

/** A cuDNN version ("8.9.7") and its major number. */
export interface CudnnVersion {
  version: string;
  major: number;
}

function define(text: string, name: string): number | null {
  const match = new RegExp(String.raw`^[ \t]*#[ \t]*define[ \t]+${name}[ \t]+(\d+)\b`, 'm').exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Reads CUDNN_MAJOR / CUDNN_MINOR / CUDNN_PATCHLEVEL; null when MAJOR or MINOR is missing. */
export function parseCudnnHeader(text: string): CudnnVersion | null {
  const major = define(text, 'CUDNN_MAJOR');
  const minor = define(text, 'CUDNN_MINOR');
  if (major === null || minor === null) return null;
  const patch = define(text, 'CUDNN_PATCHLEVEL') ?? 0;
  return { version: `${major}.${minor}.${patch}`, major };
}

/**
 * Decodes `torch.backends.cudnn.version()` / CUDNN_VERSION: cuDNN ≤ 8 is MAJOR*1000+MINOR*100+PATCH (8907 → "8.9.7"),
 * cuDNN 9+ is MAJOR*10000+MINOR*100+PATCH (90300 → "9.3.0"). Throws RangeError for a non-positive or non-integer value.
 */
export function cudnnVersionFromInt(n: number): string {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Not a cuDNN version number: ${n}`);
  const patch = n % 100;
  if (n >= 10000) return `${Math.floor(n / 10000)}.${Math.floor((n % 10000) / 100)}.${patch}`;
  return `${Math.floor(n / 1000)}.${Math.floor((n % 1000) / 100)}.${patch}`;
}
