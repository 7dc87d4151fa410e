import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileFacts, JournalFile } from '../../../shared/schemas/tx.js';
import { errnoError, type FsOps } from '../fs/fs-ops.js';
import { fsyncDir, fsyncFile, removeIfExists } from '../fs/fsync.js';
import { copyWithHash, type FileDigest } from '../fs/hash-copy.js';
import { createHashPool } from '../fs/hash-pool.js';
import { kernelCopyAllowed, kernelCopyToNew } from '../fs/kernel-copy.js';
import { durableStep } from './fault.js';
import { copyBackup } from './file-steps.js';

/** Per-file progress while staging: bytes of the new file done, then staged (copied, hashed). */
export type StageEvent = { index: number; state: 'staging' | 'staged'; doneBytes: number };

/**
 * Preparing, all files at once; targets stay untouched. New files are copied to their staging names one after
 * another in the kernel (like cp), while the sources are hashed (xxh3-128) beside the copies; old files that will move
 * by rename are only stat'ed (their inode goes to the backup unchanged); each staged file's
 * fsync is issued as soon as its copy ends. Then every staged size is checked against its source's digest (and the
 * source against a change meanwhile), all fsyncs are awaited and each folder is fsynced once. 'copy' backups (across
 * volumes) and injected writers keep the one-pass copy + hash, so what is hashed is what was written.
 * Throws the first failure, only after everything it started has settled (nothing writes behind a rollback).
 */
export async function stageFiles(files: readonly JournalFile[], opts: { ops: FsOps; onEvent?: (e: StageEvent) => void }): Promise<JournalFile[]> {
  const kernel = kernelCopyAllowed(opts.ops);
  const pool = createHashPool();
  const fsyncs: Promise<void>[] = [];
  let failed = false;
  let firstError: unknown = null;
  // The first failure stops what has not started yet (queued hashes, later copies): the rollback need not wait for them.
  const guard = <T>(p: Promise<T>): Promise<T> => p.catch((error: unknown) => {
    if (!failed) {
      firstError = error;
      void pool.close();
    }
    failed = true;
    throw error;
  });
  let copyLane: Promise<unknown> = Promise.resolve();
  let backupLane: Promise<unknown> = Promise.resolve();
  const perFile = files.map((file, index) => {
    const onBytes = (done: number): void => opts.onEvent?.({ index, state: 'staging', doneBytes: done });
    const sourceStat = fs.stat(file.source);
    const copied = copyLane.then(async () => {
      if (failed) throw new Error('staging stopped');
      opts.onEvent?.({ index, state: 'staging', doneBytes: 0 });
      await removeIfExists(file.staging);
      if (!kernel) return copyWithHash({ from: file.source, to: file.staging, ops: opts.ops, onBytes });
      const bytes = await kernelCopyToNew({ from: file.source, to: file.staging, ops: opts.ops });
      fsyncs.push(guard(fsyncFile(file.staging)));
      return bytes;
    });
    copyLane = guard(copied);
    const after = kernel ? guard(pool.hash(file.source, onBytes)) : copied as Promise<FileDigest>;
    let before: Promise<FileFacts | null> = Promise.resolve(null);
    if (file.action === 'replace' && file.backupMode === 'copy' && file.backup !== null) {
      const backup = file.backup;
      before = backupLane.then(() => copyBackup({ from: file.target, backup, ops: opts.ops }));
      backupLane = guard(before);
    } else if (file.action === 'replace') {
      // Moved by rename: the same inode goes to the backup, so size + inode + mtime identify it; no re-read.
      before = guard(fs.stat(file.target).then((s) => ({ bytes: s.size, mtimeMs: s.mtimeMs, ino: s.ino })));
    }
    const done = Promise.all([copied, before, after, sourceStat]).then(async ([size, b, a, s1]) => {
      await checkStaged({ file, size, after: a, sourceBefore: s1 });
      opts.onEvent?.({ index, state: 'staged', doneBytes: a.bytes });
      return { ...file, before: b, after: a };
    });
    return guard(done);
  });
  try {
    const settled = await Promise.allSettled([...perFile, copyLane, backupLane]);
    const synced = await Promise.allSettled(fsyncs);
    const failure = [...settled, ...synced].find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw firstError ?? failure.reason;
  } finally {
    await pool.close();
  }
  const staged = await Promise.all(perFile);
  for (const dir of new Set(files.map((f) => path.dirname(f.target)))) {
    await fsyncDir(dir);
    durableStep('staged');
  }
  return staged;
}

/** A kernel-copied file must have its source's size, and the source must not have changed while it was read twice. */
async function checkStaged(args: { file: JournalFile; size: number | FileDigest; after: FileDigest; sourceBefore: { size: number; mtimeMs: number } }): Promise<void> {
  if (typeof args.size !== 'number') return;
  const now = await fs.stat(args.file.source);
  const same = now.size === args.sourceBefore.size && now.mtimeMs === args.sourceBefore.mtimeMs;
  if (args.size !== args.after.bytes || !same) {
    throw Object.assign(errnoError('EIO', `${args.file.source} changed while it was being staged`), { path: args.file.source });
  }
}
