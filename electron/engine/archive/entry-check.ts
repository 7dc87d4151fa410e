/** Why an archive is refused: the entry (as written in the archive) and a short reason code. */
export type ArchiveProblem =
  | 'parent-path' // a `..` segment (zip-slip)
  | 'absolute-path' // /x, \x, C:\x, C:x, //server
  | 'link' // symbolic or hard link
  | 'special-file' // device, FIFO, socket
  | 'too-large' // one entry, or the whole, over the limit
  | 'ratio' // compression ratio of a bomb
  | 'too-many-entries'
  | 'bad-name' // empty, NUL, control characters
  | 'unreadable'; // truncated or not an archive of this kind

export class ArchiveRefusal extends Error {
  constructor(readonly archive: string, readonly entry: string | null, readonly problem: ArchiveProblem, detail: string) {
    super(`${archive}: ${entry === null ? '' : `entry "${entry}": `}${detail}; nothing was extracted`);
    this.name = 'ArchiveRefusal';
  }
}

/** Limits against archive bombs (defaults fit the largest NVIDIA archives with room to spare). */
export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed, for entries over 1 MiB (real DLLs compress ≤ 10×; bombs 1000×). */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 200,
};

/**
 * The entry's path as safe relative segments, or the problem with it. Both separators count (a `\` in a zip made on
 * Windows), so `..\\x` and `C:\\x` are caught on Linux too.
 */
export function entrySegments(name: string): { ok: true; segments: string[] } | { ok: false; problem: ArchiveProblem; detail: string } {
  // eslint-disable-next-line no-control-regex
  if (name === '' || /[\u0000-\u001f]/.test(name)) return { ok: false, problem: 'bad-name', detail: 'an empty name or control characters' };
  if (/^[a-zA-Z]:/.test(name)) return { ok: false, problem: 'absolute-path', detail: 'a drive-letter path' };
  if (name.startsWith('/') || name.startsWith('\\')) return { ok: false, problem: 'absolute-path', detail: 'an absolute path' };
  const segments = name.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, problem: 'parent-path', detail: 'a ".." segment that would write outside the target folder' };
  if (segments.some((s) => /:/.test(s))) return { ok: false, problem: 'bad-name', detail: 'a ":" in a name (an NTFS stream or a drive)' };
  if (segments.length === 0) return { ok: false, problem: 'bad-name', detail: 'an empty name' };
  return { ok: true, segments };
}

/** Checks declared sizes against the limits (per entry, ratio); returns the refusal detail or null. */
export function sizeProblem(limits: ArchiveLimits, size: number, compressed: number | null): { problem: ArchiveProblem; detail: string } | null {
  if (size > limits.maxEntryBytes) return { problem: 'too-large', detail: `${size} bytes, over the limit of ${limits.maxEntryBytes}` };
  if (compressed !== null && size > 1024 * 1024 && size / Math.max(1, compressed) > limits.maxRatio) {
    return { problem: 'ratio', detail: `a compression ratio of ${Math.round(size / Math.max(1, compressed))}:1 (an archive bomb)` };
  }
  return null;
}
