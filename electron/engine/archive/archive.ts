import fsp from 'node:fs/promises';
import path from 'node:path';
import { ArchiveRefusal, DEFAULT_LIMITS, entrySegments, type ArchiveLimits } from './entry-check.js';
import { extractTarXz, listTarXz } from './tar-xz.js';
import type { FileDigest } from '../fs/hash-copy.js';
import type { ArchiveEntry, EntryMap, EntryOutput, ExtractOptions } from './types.js';
import { extractZip, listZip } from './zip.js';

export { ArchiveRefusal, DEFAULT_LIMITS, type ArchiveLimits, type ArchiveEntry, type EntryMap, type ExtractOptions };

/** An archive that passed every check: its entries, ready to extract. */
export interface CheckedArchive {
  file: string;
  format: 'zip' | 'tar.xz';
  entries: ArchiveEntry[];
  /** The decompressed tar (tar.xz only), kept so the archive is decompressed once. */
  tar: Buffer | null;
}

/** The format by name: .zip, .tar.xz / .txz. Anything else is refused. */
export function archiveFormat(file: string): 'zip' | 'tar.xz' | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.xz') || lower.endsWith('.txz')) return 'tar.xz';
  return null;
}

/**
 * Reads an archive's whole listing and checks every entry BEFORE anything is written: no `..`, no absolute or
 * drive-letter paths, no links, no device files, size, count and ratio limits. Throws ArchiveRefusal naming the entry.
 */
export async function inspectArchive(file: string, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<CheckedArchive> {
  const format = archiveFormat(file);
  if (format === null) throw new ArchiveRefusal(file, null, 'unreadable', 'not a .zip or .tar.xz archive');
  if (format === 'zip') return { file, format, entries: await listZip(file, limits), tar: null };
  const { entries, data } = await listTarXz(file, limits);
  return { file, format, entries, tar: data };
}

/** One selected entry and the safe relative path (`/`-separated) the map gave it. */
export interface MappedEntry {
  entry: ArchiveEntry;
  rel: string;
}

/**
 * The file entries `map` selects, each at the relative path the map returns — checked again, so a map cannot escape
 * its folder, and no two entries may land on one path (or on names differing only in letter case).
 */
export function mapEntries(archive: CheckedArchive, map: EntryMap): MappedEntry[] {
  const out: MappedEntry[] = [];
  const seen = new Set<string>();
  for (const entry of archive.entries) {
    if (entry.kind !== 'file') continue;
    const rel = map(entry);
    if (rel === null) continue;
    const checked = entrySegments(rel);
    if (!checked.ok) throw new ArchiveRefusal(archive.file, entry.name, checked.problem, `maps to ${checked.detail}`);
    const key = checked.segments.join('/').toLowerCase();
    if (seen.has(key)) throw new ArchiveRefusal(archive.file, entry.name, 'bad-name', 'appears twice (or differs only in letter case)');
    seen.add(key);
    out.push({ entry, rel: checked.segments.join('/') });
  }
  return out;
}

/**
 * Writes the given entries (by archive name) to exact paths, each created new: the transaction engine's staging
 * names beside the targets, so the bytes are written once and then renamed into place. Each file is hashed
 * (xxh3-128) as it is written, a zip entry's CRC-32 is checked against the archive, and with `durable` each file is
 * fsynced. Returns each entry's size and hash.
 */
export async function extractEntries(archive: CheckedArchive, outputs: ReadonlyMap<string, string>, opts: ExtractOptions = {}): Promise<Map<string, FileDigest>> {
  const targets = new Map<string, EntryOutput>();
  for (const entry of archive.entries) {
    const out = outputs.get(entry.name);
    if (out === undefined || entry.kind !== 'file') continue;
    targets.set(entry.name, { out, mode: entry.executable ? 0o755 : 0o644, ...(entry.crc32 !== undefined ? { crc32: entry.crc32 } : {}) });
  }
  // Both extractors key entries by the name the archive writes (a tar entry's parsed path is that name).
  if (archive.format === 'zip') return extractZip(archive.file, targets, opts);
  return extractTarXz(archive.file, archive.tar ?? Buffer.alloc(0), targets, opts);
}

/**
 * Extracts the file entries `map` selects into `dest` (a new, empty staging folder), each at the relative path the
 * map returns (see mapEntries). Returns the relative paths written.
 */
export async function extractChecked(archive: CheckedArchive, dest: string, map: EntryMap, onBytes?: (n: number) => void): Promise<string[]> {
  const mapped = mapEntries(archive, map);
  await fsp.mkdir(dest, { recursive: true });
  await extractEntries(archive, new Map(mapped.map((m) => [m.entry.name, path.join(dest, ...m.rel.split('/'))])), { onBytes: onBytes === undefined ? undefined : (n) => onBytes(n) });
  return mapped.map((m) => m.rel);
}
