/** One entry of an archive after every check passed: a regular file or a folder, with its safe relative path. */
export interface ArchiveEntry {
  /** The name as the archive writes it. */
  name: string;
  /** Safe relative path, `/`-separated. */
  path: string;
  kind: 'file' | 'dir';
  size: number;
  /** Marked executable in the archive (Unix mode bits): kept, so nvcc and deviceQuery run on Linux. */
  executable: boolean;
}

/** Where each entry goes: a relative output path, or null to leave it out. */
export type EntryMap = (entry: ArchiveEntry) => string | null;
