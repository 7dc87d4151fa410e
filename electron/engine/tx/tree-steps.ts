import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JournalTree } from '../../../shared/schemas/tx.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
import { errnoOf } from '../fs/fs-ops.js';
import { exists, fsyncDir, fsyncFile } from '../fs/fsync.js';
import { run } from '../process/run.js';
import { durableStep } from './fault.js';

/*
 * The second kind of change a transaction can hold: a folder that a PROGRAM changes (pip decides which of ~15,000
 * files change), where the first kind (file-steps.ts) places files the engine wrote itself.
 *
 * Before the program runs, each "unit" — an entry of the root the change may touch: a distribution's top-level
 * package folder, its dist-info, a console script — is captured whole in a snapshot beside the root (same volume):
 * by hard links where the volume allows (pip ≥ 18 unlinks before writing and stashes by rename, so linked copies
 * keep the old bytes; facts.md §13), by copy where it does not. The rest of the root is listed once (paths only).
 *
 * Rollback, deciding from what is on disk (idempotent, so a crash at any instant is finished by running it again):
 *   - every unit: what is there now moves to `displaced/`, the snapshot's copy is renamed back (O(1) per unit);
 *     a unit that did not exist before is moved away;
 *   - every entry of the root that is not in the listing (a new distribution, pip's `~orch` stash) moves away;
 * so the root ends exactly as it was: every old file byte for byte, every added file gone.
 */

/** What a goal asks for: the folder the program changes and the entries (relative paths) it may replace or remove. */
export interface TreeSpec {
  root: string;
  units: string[];
  label?: string;
}

/** The folder beside `root` (same volume, inside the install) holding one transaction's snapshot and set-aside files. */
export function treeBase(root: string, txId: string): string {
  return path.join(path.dirname(path.resolve(root)), `.torchlift-${txId}`);
}

/** Builds the journal's record of one tree (nothing written yet). */
export function describeTree(spec: TreeSpec, index: number, txId: string): JournalTree {
  const root = path.resolve(spec.root);
  const base = treeBase(root, txId);
  const units = [...new Set(spec.units.map(normalUnit))].sort();
  return {
    root,
    units: units.map((u) => ({ path: u, existed: false })),
    snapshot: path.join(base, `snapshot-${index}`),
    displaced: path.join(base, `displaced-${index}`),
    listing: path.join(base, `listing-${index}.txt`),
    mode: 'link',
    label: spec.label ?? '',
    afterMarker: [],
  };
}

/** "torch/", "./torch" → "torch"; refuses paths leaving the root. */
function normalUnit(unit: string): string {
  const n = path.posix.normalize(unit.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (n === '' || n === '.' || n.startsWith('../') || n === '..' || path.posix.isAbsolute(n)) throw new Error(`unit "${unit}" is not inside its root`);
  return n;
}

/** Counts of what a snapshot captured (for progress and the bench); `bytes` counts copies only (links cost none). */
export interface SnapshotStats {
  files: number;
  dirs: number;
  bytes: number;
}

/**
 * Captures every unit into the snapshot (hard links, or copies where links are refused) and lists the rest of the
 * root. Returns the tree with `existed` and `mode` filled in. Targets are not touched.
 */
export async function snapshotTree(tree: JournalTree, onFile?: (stats: SnapshotStats) => void): Promise<{ tree: JournalTree; stats: SnapshotStats }> {
  await mkdirDurable(tree.snapshot);
  const stats: SnapshotStats = { files: 0, dirs: 0, bytes: 0 };
  let mode: JournalTree['mode'] = tree.mode;
  const units: JournalTree['units'] = [];
  for (const unit of tree.units) {
    const from = path.join(tree.root, unit.path);
    const st = await lstatOrNull(from);
    if (st === null) {
      units.push({ path: unit.path, existed: false });
      continue;
    }
    const to = path.join(tree.snapshot, unit.path);
    await fs.mkdir(path.dirname(to), { recursive: true });
    mode = await captureEntry(from, to, mode, stats, onFile);
    units.push({ path: unit.path, existed: true });
  }
  // The thousands of new folder entries are made durable in one flush of the volume, not one fsync per folder.
  await flushVolume(tree.snapshot);
  const listing = await listRoot(tree.root, new Set(tree.units.map((u) => u.path)));
  await writeDurable(tree.listing, listing.join('\n'));
  durableStep('snapshot');
  return { tree: { ...tree, units, mode }, stats };
}

/** What a folder listing already says of an entry (so no stat is needed per file). */
type EntryKind = 'file' | 'dir' | 'link' | 'other';

function kindOf(e: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  return e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other';
}

/** Links (or copies) one entry into the snapshot, recursively; falls back to copying for good on the first refusal. */
async function captureEntry(from: string, to: string, mode: JournalTree['mode'], stats: SnapshotStats, onFile?: (s: SnapshotStats) => void, known?: EntryKind): Promise<JournalTree['mode']> {
  const kind = known ?? kindOf(await fs.lstat(from));
  if (kind === 'link') {
    await fs.symlink(await fs.readlink(from), to);
    return mode;
  }
  if (kind === 'dir') {
    await fs.mkdir(to);
    stats.dirs += 1;
    let current = mode;
    const entries = await fs.readdir(from, { withFileTypes: true });
    // Files of one folder are linked concurrently (libuv's pool); folders one after another (bounded fan-out).
    const files = entries.filter((e) => !e.isDirectory());
    for (let i = 0; i < files.length; i += 64) {
      const batch = files.slice(i, i + 64);
      const modes = await Promise.all(batch.map((e) => captureEntry(path.join(from, e.name), path.join(to, e.name), current, stats, onFile, kindOf(e))));
      if (modes.includes('copy')) current = 'copy';
    }
    for (const e of entries.filter((x) => x.isDirectory())) current = await captureEntry(path.join(from, e.name), path.join(to, e.name), current, stats, onFile, 'dir');
    return current;
  }
  if (kind !== 'file') throw Object.assign(new Error(`${from} is not a regular file or folder`), { code: 'EINVAL', path: from });
  stats.files += 1;
  onFile?.(stats);
  if (mode === 'link') {
    try {
      await fs.link(from, to);
      return 'link';
    } catch (error) {
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EACCES'].includes(errnoOf(error) ?? '')) throw error;
    }
  }
  await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  stats.bytes += (await fs.stat(to)).size;
  await fsyncFile(to);
  return 'copy';
}

/**
 * Walks `root` (outside the units): `visit` gets each entry's relative path ('/'-separated; folders end in '/') and
 * answers whether to descend into it. A folder that vanished meanwhile is skipped.
 */
async function walkRoot(root: string, units: ReadonlySet<string>, visit: (entry: string, isDir: boolean) => boolean): Promise<void> {
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return;
      throw error;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (units.has(child)) continue;
      const isDir = e.isDirectory();
      if (visit(isDir ? `${child}/` : child, isDir) && isDir) await walk(child);
    }
  };
  await walk('');
}

/** Every path under `root` except inside the units, sorted (folders end in '/'). */
export async function listRoot(root: string, units: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  await walkRoot(root, units, (entry) => {
    out.push(entry);
    return true;
  });
  return out.sort();
}

/**
 * Puts the root back exactly as the snapshot and listing say: units restored by rename, anything new moved to
 * `displaced`. Safe to run again after a crash at any point. `touched` false (the program never ran): only the
 * snapshot is removed.
 */
export async function undoTree(tree: JournalTree, touched: boolean): Promise<void> {
  if (!touched) {
    await fs.rm(tree.snapshot, { recursive: true, force: true });
    return;
  }
  // Closed and cleaned up already (the snapshot folder goes only after the journal says rolled-back): nothing to do.
  if (!(await exists(tree.snapshot)) && !(await exists(tree.listing))) return;
  await fs.mkdir(tree.displaced, { recursive: true });
  let n = 0;
  const aside = async (p: string): Promise<void> => {
    for (;;) {
      const to = path.join(tree.displaced, `${String(n).padStart(5, '0')}-${path.basename(p)}`);
      n += 1;
      if (await exists(to)) continue;
      await fs.rename(p, to);
      return;
    }
  };
  for (const unit of tree.units) {
    const current = path.join(tree.root, unit.path);
    const saved = path.join(tree.snapshot, unit.path);
    if (unit.existed) {
      if (!(await exists(saved))) continue; // restored by an earlier, interrupted rollback
      if (await exists(current)) await aside(current);
      await fs.mkdir(path.dirname(current), { recursive: true });
      await fs.rename(saved, current);
    } else if (await exists(current)) {
      await aside(current);
    }
    durableStep('tree-unit-restored');
  }
  const listed = new Set((await readListing(tree.listing)));
  const unitSet = new Set(tree.units.map((u) => u.path));
  for (const extra of await newEntries(tree.root, listed, unitSet)) await aside(path.join(tree.root, extra));
  await fsyncDir(tree.root);
  for (const dir of new Set(tree.units.map((u) => path.dirname(path.join(tree.root, u.path))))) await fsyncDir(dir);
  durableStep('tree-restored');
}

/** Entries under the root that the listing does not know (not descending into new folders or units). */
async function newEntries(root: string, listed: ReadonlySet<string>, units: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  await walkRoot(root, units, (entry) => {
    if (listed.has(entry)) return true;
    out.push(entry.replace(/\/$/, ''));
    return false;
  });
  return out;
}

/** The distributions' metadata folders now in the root: what a later "changed since?" check compares. */
export async function distInfoNames(root: string): Promise<string[]> {
  try {
    return (await fs.readdir(root)).filter((n) => n.endsWith('.dist-info') || n.endsWith('.egg-info')).sort();
  } catch {
    return [];
  }
}

/**
 * Makes every entry created under `dir` durable: on Linux one syncfs of its volume (`sync -f`), elsewhere an fsync of
 * the folder (Windows cannot fsync folders; NTFS journals its metadata).
 */
export async function flushVolume(dir: string): Promise<void> {
  if (process.platform === 'linux') {
    const r = await run('sync', ['-f', dir], { name: 'sync', timeoutMs: 600_000 });
    if (r.ok) return;
  }
  await fsyncDir(dir);
}

async function readListing(file: string): Promise<string[]> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return text === '' ? [] : text.split('\n');
  } catch (error) {
    // No listing means the snapshot never completed: the program never ran (state before `applying`).
    if (errnoOf(error) === 'ENOENT') throw Object.assign(new Error(`the listing ${file} is missing`), { code: 'EBADJOURNAL', path: file });
    throw error;
  }
}

async function writeDurable(file: string, text: string): Promise<void> {
  const tmp = `${file}.partial`;
  await fs.writeFile(tmp, text, 'utf8');
  await fsyncFile(tmp);
  await fs.rename(tmp, file);
  await fsyncDir(path.dirname(file));
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Bytes a tree's snapshot holds on disk beyond what the root still shares with it (what pruning would free). */
export async function snapshotBytes(tree: JournalTree): Promise<number> {
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const st = await fs.stat(p);
        // A file still linked from the root costs nothing extra.
        if (st.nlink <= 1) total += st.size;
      }
    }
  };
  await walk(tree.snapshot);
  return total;
}
