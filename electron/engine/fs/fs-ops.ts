import fs from 'node:fs/promises';

/**
 * The few file-system calls the transaction engine makes that tests need to fail on purpose (a locked file,
 * a full disk, permission denied). Production code uses `nodeFsOps`; tests wrap it.
 */
export interface FsOps {
  rename(from: string, to: string): Promise<void>;
  /** Opens a file; flags as for fs.open ('r', 'r+', 'wx'). */
  open(file: string, flags: string): Promise<fs.FileHandle>;
  /** Writes part of a buffer at a position (the staging writer). */
  write(handle: fs.FileHandle, buffer: Buffer, length: number, position: number): Promise<number>;
  /** Free bytes for an unprivileged user on the volume holding `dir`. */
  freeBytes(dir: string): Promise<number>;
}

/** The real file system. */
export const nodeFsOps: FsOps = {
  rename: (from, to) => fs.rename(from, to),
  open: (file, flags) => fs.open(file, flags),
  write: async (handle, buffer, length, position) => (await handle.write(buffer, 0, length, position)).bytesWritten,
  freeBytes: async (dir) => {
    const s = await fs.statfs(dir);
    return s.bavail * s.bsize;
  },
};

/** The errno code of a Node file-system error ('ENOENT', 'EBUSY'…), or null. */
export function errnoOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** An Error carrying an errno code, as Node's own file-system errors do (used by fault injection). */
export function errnoError(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  error.code = code;
  return error;
}

/**
 * Names the file an error is about when Node did not (writes and fsyncs on an open handle carry no path), so a
 * failure such as a full disk can say which file; a path already set is kept. Returns the error for `throw`.
 */
export function withPath(error: unknown, file: string, opts: { override?: boolean } = {}): unknown {
  if (error !== null && typeof error === 'object') {
    const e = error as { path?: unknown };
    if (opts.override === true || typeof e.path !== 'string') {
      try {
        e.path = file;
      } catch {
        // A frozen error keeps what it has.
      }
    }
  }
  return error;
}

/** Codes that mean the write side failed (the destination's disk or quota), whatever path Node put on the error. */
export const WRITE_SIDE_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
