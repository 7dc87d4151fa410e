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
  /** The CRC-32 the zip's central directory declares (checked while extracting); absent for tar (xz checks its blocks). */
  crc32?: number;
}

/** Where one selected entry is written: an exact path (created new), its mode, and the CRC-32 to check (zip). */
export interface EntryOutput {
  out: string;
  mode: number;
  crc32?: number;
}

/** Options of the extractors: progress per entry, and whether each file is fsynced before it counts as written. */
export interface ExtractOptions {
  onBytes?: (n: number, entry: string) => void;
  /** fsync every written file (issued as soon as it is complete, all awaited before the call returns). */
  durable?: boolean;
}

/** Where each entry goes: a relative output path, or null to leave it out. */
export type EntryMap = (entry: ArchiveEntry) => string | null;
