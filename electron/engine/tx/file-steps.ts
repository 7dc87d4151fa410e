import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileFacts, JournalFile } from '../../../shared/schemas/tx.js';
import { errnoOf, type FsOps } from '../fs/fs-ops.js';
import { linkAside } from '../fs/deferred-removal.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
import { fsyncDir, removeIfExists } from '../fs/fsync.js';
import { copyWithHash, type FileDigest } from '../fs/hash-copy.js';
import { renameWithRetry, type RenameOutcome } from '../fs/rename-retry.js';
import { durableStep } from './fault.js';
import { partialBackupPath } from './file-names.js';

/** The outcome of one step on one file: done, or a reason in plain words with the errno code. */
/** What a file step was doing when it failed (engine.json `fsAction.<key>`). */
export type FsAction = 'backing-up' | 'moving-aside' | 'placing' | 'checking-backup' | 'restoring' | 'any';
export type StepResult = { ok: true } | { ok: false; code: string; file: string; action: FsAction };

/** Options shared by the per-file steps. */
export interface StepOptions {
  ops: FsOps;
  renameDeadlineMs: number;
}

/** Copies a file into its backup name via a `.partial` name, so a backup that exists is always complete. */
export async function copyBackup(args: { from: string; backup: string; ops: FsOps }): Promise<FileDigest> {
  const partial = partialBackupPath(args.backup);
  await removeIfExists(partial);
  await mkdirDurable(path.dirname(args.backup));
  const digest = await copyWithHash({ from: args.from, to: partial, ops: args.ops });
  await fs.rename(partial, args.backup);
  await fsyncDir(path.dirname(args.backup));
  return digest;
}

/**
 * Applying one file: (rename mode) the old file moves to the backup folder — copied and sha256-checked when the
 * rename crosses volumes (EXDEV) — and that move is made durable; then the staged file is renamed over the target.
 */
export async function placeFile(file: JournalFile, opts: StepOptions): Promise<StepResult> {
  const targetDir = path.dirname(file.target);
  if (file.action === 'replace' && file.backupMode === 'rename' && file.backup !== null) {
    await mkdirDurable(path.dirname(file.backup));
    const moved = await renameWithRetry({ from: file.target, to: file.backup, ops: opts.ops, deadlineMs: opts.renameDeadlineMs });
    if (moved.kind === 'cross-device') {
      const digest = await copyBackup({ from: file.target, backup: file.backup, ops: opts.ops });
      if (!sameContent(digest, file.before)) return { ok: false, code: 'EIO', file: file.target, action: 'backing-up' };
    } else if (moved.kind !== 'ok') {
      return failed(moved, file.target, 'moving-aside');
    }
    await fsyncDir(path.dirname(file.backup));
    await fsyncDir(targetDir);
    durableStep('backed-up');
  }
  const placed = await renameWithRetry({ from: file.staging, to: file.target, ops: opts.ops, deadlineMs: opts.renameDeadlineMs });
  if (placed.kind !== 'ok') return failed(placed, file.target, 'placing');
  // Not flushed here: the caller flushes each folder once after every file is placed (thousands of toolkit files).
  durableStep('placed');
  return { ok: true };
}

/**
 * Undoes one file, idempotently, deciding from what is on disk (so it is safe after a crash at any point):
 * - targets untouched (state before `applying`): delete staged files and copy backups;
 * - 'create': the staged file gone means it was placed → delete the target;
 * - 'copy' backup with the staged file still there → the target was never replaced;
 * - a backup that exists is complete → put it back (rename, or copy + sha256 check + rename across volumes).
 */
export async function undoFile(file: JournalFile, args: StepOptions & { touched: boolean; restoreTemp: string; displaced: string }): Promise<StepResult> {
  const targetDir = path.dirname(file.target);
  if (!args.touched) return cleanup(file, args.restoreTemp);
  if (file.action === 'create') {
    if (!(await present(file.staging))) {
      await linkAside(file.target, args.displaced);
      await removeIfExists(file.target);
    }
    await fsyncDir(targetDir);
    return cleanup(file, args.restoreTemp);
  }
  if (file.backupMode === 'copy' && (await present(file.staging))) return cleanup(file, args.restoreTemp);
  if (file.backup !== null && (await present(file.backup))) {
    const restored = await restoreBackup(file, args);
    if (!restored.ok) return restored;
  }
  return cleanup(file, args.restoreTemp);
}

async function restoreBackup(file: JournalFile, args: StepOptions & { restoreTemp: string; displaced: string }): Promise<StepResult> {
  const backup = file.backup ?? '';
  // The new file keeps a second name until the journal is closed, so the rename below replaces it in O(1).
  await linkAside(file.target, args.displaced);
  const moved = await renameWithRetry({ from: backup, to: file.target, ops: args.ops, deadlineMs: args.renameDeadlineMs });
  if (moved.kind === 'cross-device') {
    await removeIfExists(args.restoreTemp);
    const digest = await copyWithHash({ from: backup, to: args.restoreTemp, ops: args.ops });
    if (!sameContent(digest, file.before)) return { ok: false, code: 'EBADBACKUP', file: backup, action: 'checking-backup' };
    const placed = await renameWithRetry({ from: args.restoreTemp, to: file.target, ops: args.ops, deadlineMs: args.renameDeadlineMs });
    if (placed.kind !== 'ok') return failed(placed, file.target, 'restoring');
    await fsyncDir(path.dirname(file.target));
    await removeIfExists(backup);
  } else if (moved.kind !== 'ok') {
    return failed(moved, file.target, 'restoring');
  }
  // Renames back are independent of each other: rollBackJournal fsyncs every folder once before `rolled-back`.
  durableStep('restored');
  return { ok: true };
}

async function cleanup(file: JournalFile, restoreTemp: string): Promise<StepResult> {
  if (file.backupMode === 'copy' && file.backup !== null) await removeIfExists(file.backup);
  if (file.backup !== null) await removeIfExists(partialBackupPath(file.backup));
  await removeIfExists(file.staging);
  await removeIfExists(restoreTemp);
  return { ok: true };
}

async function present(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return false;
    throw error;
  }
}

function failed(outcome: Exclude<RenameOutcome, { kind: 'ok' }>, file: string, action: FsAction): StepResult {
  return { ok: false, code: outcome.kind === 'cross-device' ? 'EXDEV' : outcome.code, file, action };
}

/** A copy's digest against what the journal knows of the original: the size always, the content hash where recorded. */
export function sameContent(digest: FileDigest, facts: FileFacts | null): boolean {
  if (facts === null || digest.bytes !== facts.bytes) return false;
  return facts.xxh3 === undefined || facts.xxh3 === digest.xxh3;
}
