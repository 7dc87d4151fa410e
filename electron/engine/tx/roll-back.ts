import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../../../shared/schemas/tx.js';
import type { FsOps } from '../fs/fs-ops.js';
import { fsyncDir } from '../fs/fsync.js';
import { removeLater } from '../fs/deferred-removal.js';
import { displacedPath, restorePath } from './file-names.js';
import { undoFile } from './file-steps.js';
import { backupDir, displacedDir, transition } from './journal-store.js';
import { describeFsFailure } from './messages.js';

/** How a rollback ended: every file restored, or stopped (journal left in `rolling-back` for a retry). */
export type RollBackResult = { kind: 'rolled-back'; journal: Journal } | { kind: 'incomplete'; reason: string; journal: Journal };

/**
 * Rolls a journal back: records `rolling-back` (with the reason) first, then undoes every file in reverse
 * order — each undo decides from what is on disk, so running this again after a crash finishes the job.
 */
export async function rollBackJournal(args: {
  dataDir: string;
  journal: Journal;
  reason: string;
  ops: FsOps;
  renameDeadlineMs: number;
  recovery?: Journal['recovery'];
  onRestored?: (index: number) => void;
}): Promise<RollBackResult> {
  let journal = args.journal;
  if (journal.state !== 'rolling-back') {
    journal = await transition(args.dataDir, journal, { to: 'rolling-back', note: args.reason, patch: { reason: args.reason } });
  }
  const touched = journal.events.some((e) => e.state === 'applying');
  const displaced = displacedDir(args.dataDir, journal.id);
  for (let index = journal.files.length - 1; index >= 0; index -= 1) {
    const file = journal.files[index];
    if (!file) continue;
    const result = await undoFile(file, { ops: args.ops, renameDeadlineMs: args.renameDeadlineMs, touched, restoreTemp: restorePath(file.target, journal.id), displaced: displacedPath(displaced, index, file.target) });
    if (!result.ok) return { kind: 'incomplete', reason: describeFsFailure(result), journal };
    args.onRestored?.(index);
  }
  for (const dir of new Set(journal.files.map((f) => path.dirname(f.target)))) await fsyncDir(dir);
  await fs.rm(backupDir(args.dataDir, journal.id), { recursive: true, force: true });
  const note = touched ? `${journal.files.length} file(s) restored to how they were before` : 'nothing had been changed yet; staged files removed';
  journal = await transition(args.dataDir, journal, { to: 'rolled-back', note, patch: { recovery: args.recovery ?? journal.recovery } });
  // Freeing the replaced new files' blocks is housekeeping: the restore is complete and durable already.
  removeLater(displaced);
  return { kind: 'rolled-back', journal };
}
