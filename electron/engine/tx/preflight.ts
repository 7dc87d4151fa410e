import fs from 'node:fs/promises';
import path from 'node:path';
import type { JournalFile, Refusal, SpaceCheck } from '../../../shared/schemas/tx.js';
import { errnoOf, type FsOps } from '../fs/fs-ops.js';
import { freeBytesAt, volumeId } from '../fs/volume.js';
import { checkDirWritable, checkFileNotInUse } from '../fs/writable.js';
import { listJournals } from './journal-store.js';
import { isTerminal } from './journal-state.js';
import { busy, fileInUse, noSpace, notWritable, sourceMissing } from './messages.js';
import { isActiveHere } from './active.js';
import { containmentRefusals } from './containment.js';
import { ownerRunning } from './pid-alive.js';
import { isInside } from './target-roots.js';

/** Room kept free on top of what a transaction writes (file-system metadata, the journal). */
export const SPACE_MARGIN_BYTES = 1024 * 1024;

/**
 * Every check that can refuse a transaction before anything is touched: files outside the declared roots (after
 * resolving links, and inside `confinedTo` when given), targets that are links, unreadable sources, folders not
 * writable, files in use, free space per volume, another TorchLift at work.
 */
export async function preflight(args: {
  dataDir: string;
  files: readonly JournalFile[];
  targetRoots: readonly string[];
  confinedTo?: string | null;
  ops: FsOps;
}): Promise<Refusal[]> {
  const contained = await containmentRefusals({ targets: args.files.map((f) => f.target), roots: args.targetRoots, confinedTo: args.confinedTo ?? null });
  if (contained.length > 0) return contained;
  const refusals: Refusal[] = [];
  refusals.push(...(await busyRefusals(args.dataDir, args.targetRoots)));
  refusals.push(...(await sourceRefusals(args.files)));
  const writable = await writableRefusals(args.files, args.ops);
  refusals.push(...writable);
  if (writable.length === 0) refusals.push(...(await inUseRefusals(args.files, args.ops)));
  refusals.push(...(await spaceRefusals(args.dataDir, args.files, args.ops)));
  return refusals;
}

async function busyRefusals(dataDir: string, roots: readonly string[]): Promise<Refusal[]> {
  const open = (await listJournals(dataDir)).filter((j) => !isTerminal(j.state) && (isActiveHere(j.id) || ownerRunning(j)));
  const overlapping = open.filter((j) => j.targetRoots.some((r) => roots.some((mine) => isInside(r, mine) || isInside(mine, r))));
  return overlapping.map((j) => busy({ txId: j.id, pid: j.pid }));
}

async function sourceRefusals(files: readonly JournalFile[]): Promise<Refusal[]> {
  const out: Refusal[] = [];
  // Produced files come out of an archive the goal has already opened and checked.
  for (const f of files.filter((x) => x.produced === undefined)) {
    try {
      const handle = await fs.open(f.source, 'r');
      await handle.close();
    } catch (error) {
      out.push(sourceMissing({ file: f.source, code: errnoOf(error) ?? 'UNKNOWN' }));
    }
  }
  return out;
}

async function writableRefusals(files: readonly JournalFile[], ops: FsOps): Promise<Refusal[]> {
  const dirs = [...new Set(files.map((f) => path.dirname(f.target)))];
  const out: Refusal[] = [];
  for (const dir of dirs) {
    const check = await checkDirWritable(dir, ops);
    if (!check.ok) out.push(notWritable({ dir, code: check.code }));
  }
  return out;
}

/** Codes that mean "held by a running program" when opening for write (Windows sharing violations). */
const IN_USE = process.platform === 'win32' ? ['EBUSY', 'EPERM', 'EACCES'] : ['EBUSY', 'ETXTBSY'];

async function inUseRefusals(files: readonly JournalFile[], ops: FsOps): Promise<Refusal[]> {
  const out: Refusal[] = [];
  for (const f of files.filter((x) => x.action === 'replace')) {
    const check = await checkFileNotInUse(f.target, ops);
    if (!check.ok && IN_USE.includes(check.code)) out.push(fileInUse({ file: f.target, code: check.code }));
  }
  return out;
}

async function spaceRefusals(dataDir: string, files: readonly JournalFile[], ops: FsOps): Promise<Refusal[]> {
  const checks = await spaceNeeds({ dataDir, files, ops });
  return checks.filter((c) => c.freeBytes < c.neededBytes).map((c) => noSpace(c));
}

/** Bytes each volume must take (staged new files beside targets, copy backups in the data folder) against its free space. */
export async function spaceNeeds(args: { dataDir: string; files: readonly JournalFile[]; ops: FsOps }): Promise<SpaceCheck[]> {
  const need = new Map<number, { path: string; bytes: number }>();
  // One volume look-up per folder (a toolkit's thousands of files share a few hundred folders).
  const devs = new Map<string, Promise<number>>();
  const add = async (where: string, bytes: number): Promise<void> => {
    let devOf = devs.get(where);
    if (devOf === undefined) devs.set(where, (devOf = volumeId(where)));
    const dev = await devOf;
    const entry = need.get(dev) ?? { path: where, bytes: 0 };
    entry.bytes += bytes;
    need.set(dev, entry);
  };
  for (const f of args.files) {
    await add(path.dirname(f.target), f.produced?.bytes ?? (await sizeOf(f.source)));
    if (f.backupMode === 'copy' && f.backup !== null) await add(args.dataDir, await sizeOf(f.target));
  }
  const out: SpaceCheck[] = [];
  for (const { path: where, bytes } of need.values()) {
    out.push({ path: where, freeBytes: await freeBytesAt(where, args.ops), neededBytes: bytes + SPACE_MARGIN_BYTES });
  }
  return out;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}
