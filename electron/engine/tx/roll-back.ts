import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../../../shared/schemas/tx.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { errnoOf, type FsOps } from '../fs/fs-ops.js';
import { fsyncDir } from '../fs/fsync.js';
import { removeLater } from '../fs/deferred-removal.js';
import { displacedPath, restorePath } from './file-names.js';
import { undoFile } from './file-steps.js';
import { treeBase, undoTree } from './tree-steps.js';
import { advance, backupDir, displacedDir, saveJournal } from './journal-store.js';
import { RECOVERY } from './journal-state.js';
import { em, english, msgOf, type Text } from '../i18n/engine-text.js';
import { describeFsFailure } from './messages.js';
import { whenUnlocked } from './op-lock.js';
import { currentOwner } from './pid-alive.js';

/** How a rollback ended: every file restored, or stopped (journal left in `rolling-back` for a retry). */
export type RollBackResult = { kind: 'rolled-back'; journal: Journal } | { kind: 'incomplete'; reason: Text; journal: Journal };

/**
 * Rolls a journal back: records `rolling-back` (with the reason, and this process as its owner) first, then undoes
 * every file in reverse order — each undo decides from what is on disk, so running this again after a crash finishes
 * the job. A journal write that fails (disk full, I/O error) does not stop the undo: the files are restored anyway,
 * the write is retried, and the result says the rollback is incomplete (recovery finishes the journal later).
 */
export async function rollBackJournal(args: {
  dataDir: string;
  journal: Journal;
  reason: Text;
  ops: FsOps;
  renameDeadlineMs: number;
  recovery?: Journal['recovery'];
  onRestored?: (index: number) => void;
}): Promise<RollBackResult> {
  const owner = currentOwner();
  let journal: Journal = { ...args.journal, ...owner };
  const takenOver = args.journal.pid !== owner.pid || args.journal.hostname !== owner.hostname || args.journal.procStart !== owner.procStart;
  let unsaved = journal.state === 'rolling-back' && takenOver;
  let journalError: unknown = null;
  if (journal.state !== 'rolling-back') {
    journal = advance(journal, { to: 'rolling-back', note: english(args.reason), patch: { reason: english(args.reason), reasonMsg: msgOf(args.reason) } });
    unsaved = true;
  }
  if (unsaved) journalError = await trySave(args.dataDir, journal, args.ops);
  // Undoing without `rolling-back` on disk is safe only where recovery would roll back anyway (never after `committed`).
  if (journalError !== null && RECOVERY[args.journal.state] !== 'roll-back') {
    return { kind: 'incomplete', reason: em('reason.journal-unwritable', { error: describeError(journalError) }), journal: args.journal };
  }
  const undone = await undoAll({ ...args, journal });
  if (!undone.ok) return { kind: 'incomplete', reason: undone.reason, journal };
  if (journalError !== null) journalError = await trySave(args.dataDir, journal, args.ops);
  const touched = journal.events.some((e) => e.state === 'applying');
  const what = journal.trees.length > 0 ? `${journal.files.length} file(s) and ${journal.trees.length} package folder(s)` : `${journal.files.length} file(s)`;
  const note = touched ? `${what} restored to how they were before` : 'nothing had been changed yet; staged files removed';
  const closed = advance(journal, { to: 'rolled-back', note, patch: { recovery: args.recovery ?? journal.recovery } });
  if (journalError === null) journalError = await trySave(args.dataDir, closed, args.ops);
  if (journalError !== null) {
    return { kind: 'incomplete', reason: em('reason.journal-unwritable-restored', { error: describeError(journalError) }), journal };
  }
  // Freeing the replaced new files' blocks is housekeeping: the restore is complete and durable already.
  const displaced = displacedDir(args.dataDir, journal.id);
  whenUnlocked(() => {
    removeLater(displaced);
    // Snapshots are empty after a restore; what a tree rollback set aside goes with them.
    for (const tree of journal.trees) removeLater(treeBase(tree.root, journal.id));
  });
  return { kind: 'rolled-back', journal: closed };
}

/** Undoes every file in reverse order, then makes the renames durable and deletes the backups. */
async function undoAll(args: { dataDir: string; journal: Journal; ops: FsOps; renameDeadlineMs: number; onRestored?: (index: number) => void }): Promise<{ ok: true } | { ok: false; reason: Text }> {
  const { journal } = args;
  const touched = journal.events.some((e) => e.state === 'applying');
  const displaced = displacedDir(args.dataDir, journal.id);
  try {
    // Trees changed last (the program ran after the files were placed): undone first.
    for (const tree of [...journal.trees].reverse()) await undoTree(tree, touched);
    for (let index = journal.files.length - 1; index >= 0; index -= 1) {
      const file = journal.files[index];
      if (!file) continue;
      const result = await undoFile(file, { ops: args.ops, renameDeadlineMs: args.renameDeadlineMs, touched, restoreTemp: restorePath(file.target, journal.id), displaced: displacedPath(displaced, index, file.target) });
      if (!result.ok) return { ok: false, reason: describeFsFailure(result) };
      args.onRestored?.(index);
    }
    for (const dir of new Set(journal.files.map((f) => path.dirname(f.target)))) await fsyncDir(dir);
    await fs.rm(backupDir(args.dataDir, journal.id), { recursive: true, force: true });
  } catch (error) {
    return { ok: false, reason: describeFsFailure({ action: 'restoring', file: pathOf(error), code: errnoOf(error) ?? 'EIO' }) };
  }
  return { ok: true };
}

/** Saves the journal, retrying once; the error when both tries fail, else null. */
async function trySave(dataDir: string, journal: Journal, ops: FsOps): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await saveJournal(dataDir, journal, ops);
      return null;
    } catch (error) {
      if (attempt >= 1) return error;
      await sleep(50);
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function pathOf(error: unknown): string {
  const p = (error as { path?: unknown } | null)?.path;
  return typeof p === 'string' ? p : 'a file';
}
