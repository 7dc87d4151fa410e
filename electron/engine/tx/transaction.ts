import fs from 'node:fs/promises';
import path from 'node:path';
import type { Msg } from '../../../shared/i18n/message.js';
import type { Journal, JournalFile, TxOutcome, TxState, VerifyCheck } from '../../../shared/schemas/tx.js';
import { em, english, msgOf, type Text } from '../i18n/engine-text.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
import { fsyncDir } from '../fs/fsync.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { describeFiles } from './describe-files.js';
import { placeFile, type StepResult } from './file-steps.js';
import { whileActive } from './active.js';
import { advance, backupDir, newJournal, newTxId, saveJournal, transition, type StateChange } from './journal-store.js';
import { describeFsFailure } from './messages.js';
import { withOpLock } from './op-lock.js';
import { preflight } from './preflight.js';
import { rollBackJournal } from './roll-back.js';
import { stageFiles, type TxProducer } from './stage-files.js';
import { processStartTime as processStart } from './pid-alive.js';
import { describeTree, distInfoNames, snapshotTree, type TreeSpec } from './tree-steps.js';

/** One file a goal wants changed: the new content's source, the target it replaces (or creates). */
export interface TxFileSpec {
  target: string;
  /** The file to copy; for a produced file, what it is written from (e.g. `<archive>#<entry>`), for the journal only. */
  source: string;
  label?: string;
  /** Written by the request's `produce` straight into its staging name (not copied): the size it must have. */
  produced?: { bytes: number };
}

/**
 * What the verify hook found: on failure the reason (a message, or raw text) becomes "rolled back: <reason>".
 * `checks`, where the goal has them, are each check ✓/✗ with its detail: reported as a 'verify' progress event so
 * the job carries them typed (Job.verify) and no reader parses them back out of the log lines.
 */
export type VerifyOutcome = ({ ok: true } | { ok: false; reason: Text }) & { log: string[]; checks?: VerifyCheck[] };

/** Progress reported while a transaction runs (per-file bytes while staging, per-file state after). */
export type TxProgress =
  | { kind: 'state'; state: TxState; txId: string; note: Text }
  | { kind: 'file'; index: number; state: 'staging' | 'staged' | 'placed' | 'restored'; doneBytes: number }
  | { kind: 'snapshot'; files: number; bytes: number }
  | { kind: 'program'; line: string }
  /** The verification's checks, once it ran (goals whose verify hook returns them). */
  | { kind: 'verify'; checks: VerifyCheck[] };

/** What a program step is given: a log, and a way to record its process id before it changes anything. */
export interface ProgramContext {
  log: (line: string) => void;
  /** Call with the child's pid as soon as it exists: the journal records it (recovery stops it before undoing). */
  started: (pid: number) => Promise<void>;
}

/** How the program ended: on failure the reason becomes "rolled back: <reason>". */
export type ProgramOutcome = { ok: true } | { ok: false; reason: Text };

/** Everything runTransaction needs; `ops`, `backupMode` and `renameDeadlineMs` exist for tests. */
export interface TxRequest {
  dataDir: string;
  goal: string;
  /** What it does, e.g. "DLL swap (cuDNN 8.7 → 8.9) in <app>": a message, stored with its English in the journal. */
  intent: Text;
  app: string | null;
  targetRoots: string[];
  /** The folder every target must really lie in after resolving links (dll-swap: the venv's site-packages). */
  confinedTo?: string;
  files: TxFileSpec[];
  /** Folders a program changes (the second kind of change): snapshotted before `program` runs, restored on rollback. */
  trees?: TreeSpec[];
  /** The program that changes the trees (pip), run while applying, after the files are placed. */
  program?: { label: Text; run: (ctx: ProgramContext) => Promise<ProgramOutcome> };
  verify: (log: (line: string) => void) => Promise<VerifyOutcome>;
  /** Writes the `produced` files into their staging names (see TxProducer), e.g. straight out of an archive. */
  produce?: TxProducer;
  ops?: FsOps;
  /** 'auto': rename when the backup folder shares the target's volume, else copy. */
  backupMode?: 'auto' | 'copy';
  renameDeadlineMs?: number;
  /** How long to wait for another TorchLift operation before refusing (tests shorten it). */
  lockWaitMs?: number;
  onProgress?: (p: TxProgress) => void;
}

/**
 * Runs one transaction: refuse before touching anything, or journal → stage → apply → verify → commit,
 * rolling back automatically on any failure. The files are described and checked under the operation lock, so two
 * applies never both pass the checks. Returns how it ended; throws only for bugs in rollback itself.
 */
export async function runTransaction(req: TxRequest): Promise<TxOutcome> {
  const locked = await withOpLock({ dataDir: req.dataDir, what: em('opWhat.applying', { goal: req.goal }), waitMs: req.lockWaitMs }, async () => {
    const ops = req.ops ?? nodeFsOps;
    const id = newTxId();
    const files = await describeFiles({ dataDir: req.dataDir, files: req.files, txId: id, backupMode: req.backupMode ?? 'auto' });
    const refusals = await preflight({ dataDir: req.dataDir, files, targetRoots: req.targetRoots, confinedTo: req.confinedTo ?? null, ops });
    if (refusals.length > 0) return { kind: 'refused', refusals } satisfies TxOutcome;
    return whileActive(id, () => execute(req, files, id));
  });
  return locked.ok ? locked.value : { kind: 'refused', refusals: [locked.refusal] };
}

async function execute(req: TxRequest, files: JournalFile[], id: string): Promise<TxOutcome> {
  const step = { ops: req.ops ?? nodeFsOps, renameDeadlineMs: req.renameDeadlineMs ?? 3000 };
  const emit = (j: Journal, note: Text): void => req.onProgress?.({ kind: 'state', state: j.state, txId: j.id, note });
  const move = (j: Journal, change: StateChange): Promise<Journal> => transition(req.dataDir, j, { ...change, ops: step.ops });
  // Several transitions, each checked against the table, saved in one durable write.
  const moveThrough = async (j: Journal, changes: StateChange[]): Promise<Journal> => {
    const next = changes.reduce((acc, c) => advance(acc, c), j);
    await saveJournal(req.dataDir, next, step.ops);
    return next;
  };
  const trees = (req.trees ?? []).map((t, i) => describeTree(t, i, id));
  let journal = newJournal({
    id, goal: req.goal, intent: english(req.intent), intentMsg: msgOf(req.intent), app: req.app, targetRoots: req.targetRoots, confinedTo: req.confinedTo ?? null, files, trees,
    program: req.program ? { label: english(req.program.label), pid: null, procStart: null } : null,
  });
  await saveJournal(req.dataDir, journal, step.ops);
  try {
    // The backup folder exists (and is durable in its parent) before any original is moved into it.
    if (files.some((f) => f.backup !== null)) await mkdirDurable(backupDir(req.dataDir, id));
    journal = await move(journal, { to: 'preparing', note: 'staging new files beside their targets' });
    emit(journal, em('txNote.progress-staging'));
    const staged = await stageFiles(journal.files, { ops: step.ops, produce: req.produce, onEvent: (e) => req.onProgress?.({ kind: 'file', ...e }) });
    const snapped = [];
    for (const tree of journal.trees) {
      if (snapped.length === 0) emit(journal, em('txNote.progress-snapshot'));
      snapped.push((await snapshotTree(tree, (s) => req.onProgress?.({ kind: 'snapshot', files: s.files, bytes: s.bytes }))).tree);
    }
    // States with no work between them are logged together and written once (one fsync'd journal write, not two).
    journal = await moveThrough(journal, [
      { to: 'prepared', note: trees.length > 0 ? 'files staged, installed packages captured' : 'all files staged and hashed', patch: { files: staged, trees: snapped } },
      { to: 'applying', note: 'moving old files to the backup and new files into place' },
    ]);
    emit(journal, em('txNote.progress-swapping'));
    for (const [index, file] of journal.files.entries()) {
      const placed = await placeFile(file, step);
      if (!placed.ok) return await fail(req, journal, reasonOf(placed));
      req.onProgress?.({ kind: 'file', index, state: 'placed', doneBytes: file.after?.bytes ?? 0 });
    }
    // Each folder is flushed once for all its renames (undo decides per file from what is on disk, so the order in
    // which renames reach the disk does not matter; only `applied` must not be durable before them).
    for (const dir of new Set(journal.files.map((f) => path.dirname(f.target)))) await fsyncDir(dir);
    const placed = await withPlacedIdentity(journal.files);
    if (placed.problem !== null) return await fail(req, journal, placed.problem);
    if (req.program) {
      emit(journal, req.program.label);
      const ran = await runProgram(req, journal, step.ops);
      journal = ran.journal;
      if (!ran.outcome.ok) return await fail(req, journal, ran.outcome.reason);
    }
    journal = await moveThrough(journal, [
      { to: 'applied', note: 'all files in place', patch: { files: placed.files } },
      { to: 'verifying', note: 'running the verification' },
    ]);
    emit(journal, em('txNote.progress-verifying'));
    const log: string[] = [];
    const verdict = await req.verify((line) => log.push(line));
    if (verdict.checks) req.onProgress?.({ kind: 'verify', checks: verdict.checks });
    if (!verdict.ok) return await fail(req, { ...journal, verifyLog: [...log, ...verdict.log] }, em('reason.verification-failed', { detail: verdict.reason }));
    const verified = advance(journal, { to: 'verified', note: 'verification passed', patch: { verifyLog: [...log, ...verdict.log] } });
    const marked = await Promise.all(journal.trees.map(async (t) => ({ ...t, afterMarker: await distInfoNames(t.root) })));
    journal = await moveThrough(verified, [{ to: 'committed', note: 'committed; backups kept until you prune history', patch: { trees: marked } }]);
    emit(journal, em('job.committed'));
    return { kind: 'committed', txId: id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    const reason: Text = typeof code === 'string' ? describeFsFailure({ action: 'any', file: pathOf(error), code }) : message;
    return fail(req, journal, reason);
  }
}

/** Runs the program; its pid reaches the journal (a durable write) before it can have changed much. */
async function runProgram(req: TxRequest, journal: Journal, ops: FsOps): Promise<{ journal: Journal; outcome: ProgramOutcome }> {
  let current = journal;
  const program = req.program;
  if (!program) return { journal, outcome: { ok: true } };
  const outcome = await program.run({
    log: (line) => req.onProgress?.({ kind: 'program', line }),
    started: async (pid) => {
      current = { ...current, program: { label: english(program.label), pid, procStart: processStart(pid) } };
      await saveJournal(req.dataDir, current, ops);
    },
  }).catch((error: unknown) => ({ ok: false as const, reason: error instanceof Error ? error.message : String(error) }));
  return { journal: current, outcome };
}

async function fail(req: TxRequest, journal: Journal, reason: Text): Promise<TxOutcome> {
  const ops = req.ops ?? nodeFsOps;
  const result = await rollBackJournal({
    dataDir: req.dataDir,
    journal,
    reason,
    ops,
    renameDeadlineMs: req.renameDeadlineMs ?? 3000,
    onRestored: (index) => req.onProgress?.({ kind: 'file', index, state: 'restored', doneBytes: 0 }),
  });
  if (result.kind === 'rolled-back') {
    req.onProgress?.({ kind: 'state', state: 'rolled-back', txId: journal.id, note: reason });
    return withReason({ kind: 'rolled-back', txId: journal.id }, reason);
  }
  return withReason({ kind: 'rollback-incomplete', txId: journal.id }, em('reason.rollback-incomplete', { reason, rollbackReason: result.reason }));
}

/** An outcome with its reason in English and, where it is one, as a message. */
function withReason<K extends 'rolled-back' | 'rollback-incomplete'>(base: { kind: K; txId: string }, reason: Text): { kind: K; txId: string; reason: string; reasonMsg?: Msg } {
  const m = msgOf(reason);
  return m === null ? { ...base, reason: english(reason) } : { ...base, reason: english(reason), reasonMsg: m };
}

/**
 * Each placed file's identity (size, mtime, inode) for later "changed since?" checks, and whether every target IS
 * the file that was staged and hashed (same inode and size: a rename keeps both), so what was checked while staging
 * — an archive entry's CRC-32, the source's hash — holds for what is in place, without reading it again.
 */
async function withPlacedIdentity(files: JournalFile[]): Promise<{ files: JournalFile[]; problem: string | null }> {
  let problem: string | null = null;
  const out = await Promise.all(files.map(async (f) => {
    const s = await fs.stat(f.target);
    if (problem === null && f.after?.ino !== undefined && (s.ino !== f.after.ino || s.size !== f.after.bytes)) {
      problem = `${f.target} is not the file that was staged (${s.size} bytes in place, ${f.after.bytes} staged): something else wrote it meanwhile`;
    }
    return { ...f, placed: { bytes: s.size, mtimeMs: s.mtimeMs, ino: s.ino } };
  }));
  return { files: out, problem };
}

function reasonOf(result: Exclude<StepResult, { ok: true }>): Msg {
  return describeFsFailure({ action: result.action, file: result.file, code: result.code });
}

function pathOf(error: unknown): string {
  const p = (error as { path?: unknown }).path;
  return typeof p === 'string' ? p : 'a file';
}
