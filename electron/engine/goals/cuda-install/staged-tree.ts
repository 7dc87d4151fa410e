import type { Text } from '../../i18n/engine-text.js';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TxOutcome } from '../../../../shared/schemas/tx.js';
import { mkdirDurable } from '../../fs/durable-mkdir.js';
import { extractEntries, type CheckedArchive } from '../../archive/archive.js';
import type { FileDigest } from '../../fs/hash-copy.js';
import { flushVolume } from '../../tx/tree-steps.js';
import { runTransaction, type TxFileSpec, type TxProgress, type VerifyOutcome } from '../../tx/transaction.js';

/** Every file under a folder, as `/`-separated relative paths, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  await walk(dir, '');
  return out.sort();
}

/** Archive entries to place: each written straight into its staging name beside its target, then renamed into place. */
export interface ArchiveItems {
  archive: CheckedArchive;
  items: readonly { entry: string; rel: string; bytes: number }[];
}

/**
 * Places files into `target` as ONE transaction of the engine: every file replaced is backed up (by rename on the
 * same volume), every new one is created, all verified together, rolled back together. Archive entries (`archives`)
 * are extracted once, straight into the engine's staging names beside their targets (journal first, so a crash
 * leaves nothing recovery does not know of), hashed and CRC-checked as they are written, then renamed into place;
 * other files (`files`, or every file under `stagingDir`) are copied in. Folders the tree needs are created first
 * (durably); those this call created are removed again when the transaction does not commit, so a refused or
 * rolled-back install leaves the target exactly as it was.
 */
export async function placeStagedTree(args: {
  dataDir: string;
  goal: string;
  intent: Text;
  stagingDir?: string;
  target: string;
  /** Explicit sources (relative target path → source file); default: every file under stagingDir. */
  files?: readonly { rel: string; source: string }[];
  archives?: readonly ArchiveItems[];
  verify: (log: (line: string) => void) => Promise<VerifyOutcome>;
  onProgress?: (p: TxProgress) => void;
  backupMode?: 'auto' | 'copy';
}): Promise<TxOutcome> {
  const copied = args.files ?? (args.stagingDir === undefined ? [] : (await filesUnder(args.stagingDir)).map((rel) => ({ rel, source: path.join(args.stagingDir!, ...rel.split('/')) })));
  const specs: TxFileSpec[] = copied.map((p) => ({ target: path.join(args.target, ...p.rel.split('/')), source: p.source, label: p.rel }));
  // Which archive entry each produced file (by its index in `specs`) comes from.
  const producedFrom = new Map<number, { archive: number; entry: string }>();
  for (const [a, group] of (args.archives ?? []).entries()) {
    for (const item of group.items) {
      producedFrom.set(specs.length, { archive: a, entry: item.entry });
      specs.push({ target: path.join(args.target, ...item.rel.split('/')), source: `${group.archive.file}#${item.entry}`, label: item.rel, produced: { bytes: item.bytes } });
    }
  }
  const dirs = [...new Set(specs.map((f) => path.dirname(f.target)))].sort();
  const created: string[] = [];
  for (const dir of dirs) {
    for (const missing of await missingUnder(args.target, dir)) {
      await mkdirDurable(missing);
      created.push(missing);
    }
  }
  const outcome = await runTransaction({
    dataDir: args.dataDir, goal: args.goal, intent: args.intent, app: null, targetRoots: [args.target], files: specs,
    verify: args.verify, onProgress: args.onProgress, backupMode: args.backupMode,
    produce: producedFrom.size === 0 ? undefined : (files, onBytes) => extractInto(args.archives ?? [], producedFrom, files, onBytes),
  });
  if (outcome.kind !== 'committed') await removeEmptyDirs(created);
  return outcome;
}

/** The engine's producer for archive entries: each archive read once, its entries written to their staging names. */
async function extractInto(archives: readonly ArchiveItems[], from: ReadonlyMap<number, { archive: number; entry: string }>, files: readonly { index: number; staging: string }[], onBytes: (index: number, done: number) => void): Promise<Map<number, FileDigest>> {
  const digests = new Map<number, FileDigest>();
  for (const [a, group] of archives.entries()) {
    const mine = files.filter((f) => from.get(f.index)?.archive === a);
    if (mine.length === 0) continue;
    const indexOf = new Map(mine.map((f) => [from.get(f.index)!.entry, f.index]));
    const done = new Map<string, number>();
    const reported = new Map<string, number>();
    const written = await extractEntries(group.archive, new Map(mine.map((f) => [from.get(f.index)!.entry, f.staging])), {
      // Linux: one flush of the volume below for every file (a toolkit has thousands); elsewhere an fsync per file.
      durable: process.platform !== 'linux',
      onBytes: (n, entry) => {
        const total = (done.get(entry) ?? 0) + n;
        done.set(entry, total);
        // Progress per 4 MiB, not per inflated 16 KiB slice.
        if (total - (reported.get(entry) ?? 0) < 4 * 1024 * 1024) return;
        reported.set(entry, total);
        onBytes(indexOf.get(entry) ?? -1, total);
      },
    });
    for (const [entry, digest] of written) digests.set(indexOf.get(entry)!, digest);
    if (process.platform === 'linux') await flushVolume(mine[0]!.staging);
  }
  return digests;
}

/** The folders from `target` (inclusive) down to `dir` that do not exist yet, outermost first. */
async function missingUnder(target: string, dir: string): Promise<string[]> {
  const chain: string[] = [];
  let at = path.resolve(dir);
  const stop = path.dirname(path.resolve(target));
  while (at !== stop && at.length >= stop.length) {
    chain.unshift(at);
    at = path.dirname(at);
  }
  const out: string[] = [];
  for (const d of chain) {
    try {
      await fs.stat(d);
    } catch {
      out.push(d);
    }
  }
  return out;
}

/** Removes the given folders, deepest first, where they are empty (a folder holding anything is kept). */
export async function removeEmptyDirs(dirs: readonly string[]): Promise<void> {
  for (const d of [...new Set(dirs)].sort((a, b) => b.length - a.length)) {
    await fs.rmdir(d).catch(() => undefined);
  }
}
