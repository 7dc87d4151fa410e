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
 * Writes the produced files (JournalFile.produced) straight into their staging names — each created new ('wx') and
 * fsynced, hashed (xxh3-128) while written — e.g. out of an archive, so their bytes are written once and then only
 * renamed. Gets each file's index in the transaction and staging path; reports cumulative bytes per index; returns
 * each file's size and hash by index.
 */
export type TxProducer = (files: readonly { index: number; staging: string }[], onBytes: (index: number, done: number) => void) => Promise<ReadonlyMap<number, FileDigest>>;

/**
 * Preparing, all files at once; targets stay untouched. New files are copied to their staging names one after
 * another in the kernel (like cp), while the sources are hashed (xxh3-128) beside the copies; old files that will move
 * by rename are only stat'ed (their inode goes to the backup unchanged); each staged file's
 * fsync is issued as soon as its copy ends. Then every staged size is checked against its source's digest (and the
 * source against a change meanwhile), all fsyncs are awaited and each folder is fsynced once. 'copy' backups (across
 * volumes) and injected writers keep the one-pass copy + hash, so what is hashed is what was written.
 * Throws the first failure, only after everything it started has settled (nothing writes behind a rollback).
 */
export async function stageFiles(files: readonly JournalFile[], opts: { ops: FsOps; onEvent?: (e: StageEvent) => void; produce?: TxProducer }): Promise<JournalFile[]> {
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
  // Produced files first, in one call (an archive is read front to back once); copies follow in the same lane.
  const producedFiles = files.flatMap((f, index) => (f.produced === undefined ? [] : [{ index, staging: f.staging }]));
  let produced: Promise<ReadonlyMap<number, FileDigest>> = Promise.resolve(new Map());
  if (producedFiles.length > 0) {
    const produce = opts.produce;
    if (produce === undefined) throw new Error('files to be produced were given without a producer');
    produced = guard(copyLane.then(async () => {
      for (const f of producedFiles) {
        await removeIfExists(f.staging);
        opts.onEvent?.({ index: f.index, state: 'staging', doneBytes: 0 });
      }
      return produce(producedFiles, (index, done) => opts.onEvent?.({ index, state: 'staging', doneBytes: done }));
    }));
    copyLane = produced;
  }
  const perFile = files.map((file, index) => {
    const onBytes = (done: number): void => opts.onEvent?.({ index, state: 'staging', doneBytes: done });
    if (file.produced !== undefined) return guard(stageProduced(file, index, produced));
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
    // Moved by rename: the same inode goes to the backup, so size + inode + mtime identify it; no re-read.
    const before = file.action === 'replace' ? guard(beforeFacts(file)) : Promise.resolve(null);
    const done = Promise.all([copied, before, after, sourceStat]).then(async ([size, b, a, s1]) => {
      await checkStaged({ file, size, after: a, sourceBefore: s1 });
      opts.onEvent?.({ index, state: 'staged', doneBytes: a.bytes });
      return { ...file, before: b, after: { ...a, ino: (await fs.stat(file.staging)).ino } };
    });
    return guard(done);
  });
  /** A produced file: written and hashed by the producer, its size held against what the archive declares. */
  async function stageProduced(file: JournalFile, index: number, digests: Promise<ReadonlyMap<number, FileDigest>>): Promise<JournalFile> {
    const before = file.action === 'replace' ? await beforeFacts(file) : null;
    const digest = (await digests).get(index);
    const expected = file.produced?.bytes ?? -1;
    if (digest === undefined || digest.bytes !== expected) {
      const got = digest === undefined ? 'nothing was written' : `${digest.bytes} bytes were written`;
      throw Object.assign(errnoError('EIO', `${file.source}: ${got}, the archive declares ${expected}`), { path: file.staging });
    }
    opts.onEvent?.({ index, state: 'staged', doneBytes: digest.bytes });
    return { ...file, before, after: { ...digest, ino: (await fs.stat(file.staging)).ino } };
  }
  /** The old file's facts: copied to its backup (across volumes, in the backup lane), or only stat'ed (moved by rename). */
  function beforeFacts(file: JournalFile): Promise<FileFacts | null> {
    if (file.backupMode === 'copy' && file.backup !== null) {
      const backup = file.backup;
      const copied = backupLane.then(() => copyBackup({ from: file.target, backup, ops: opts.ops }));
      backupLane = guard(copied);
      return copied;
    }
    return fs.stat(file.target).then((s) => ({ bytes: s.size, mtimeMs: s.mtimeMs, ino: s.ino }));
  }
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
