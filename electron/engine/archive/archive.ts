import fsp from 'node:fs/promises';
import path from 'node:path';
import { ArchiveRefusal, DEFAULT_LIMITS, entrySegments, type ArchiveLimits } from './entry-check.js';
import { extractTarXz, listTarXz } from './tar-xz.js';
import type { ArchiveEntry, EntryMap } from './types.js';
import { extractZip, listZip } from './zip.js';

export { ArchiveRefusal, DEFAULT_LIMITS, type ArchiveLimits, type ArchiveEntry, type EntryMap };

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

/**
 * Extracts the file entries `map` selects into `dest` (a new, empty staging folder), each at the relative path the
 * map returns — checked again, so a map cannot escape `dest` either. Returns the relative paths written.
 */
export async function extractChecked(archive: CheckedArchive, dest: string, map: EntryMap, onBytes?: (n: number) => void): Promise<string[]> {
  const targets = new Map<string, { out: string; mode: number }>();
  const written: string[] = [];
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
    targets.set(entry.name, { out: path.join(dest, ...checked.segments), mode: entry.executable ? 0o755 : 0o644 });
    written.push(checked.segments.join('/'));
  }
  await fsp.mkdir(dest, { recursive: true });
  if (archive.format === 'zip') await extractZip(archive.file, targets, onBytes);
  else await extractTarXz(archive.file, archive.tar ?? Buffer.alloc(0), targets, onBytes);
  return written;
}
