import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal, Refusal, RollbackResult } from '../../../shared/schemas/tx.js';
import { hashFile } from '../fs/content-hash.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { checkDirWritable } from '../fs/writable.js';
import { listJournals } from './journal-store.js';
import { distInfoNames } from './tree-steps.js';
import { journalPathProblem } from './containment.js';
import { em, refusal } from '../i18n/engine-text.js';
import { journalUntrusted, notWritable } from './messages.js';
import { withOpLock } from './op-lock.js';
import { rollBackJournal } from './roll-back.js';

/**
 * `torchlift rollback ID|--last`: restores, byte for byte, what a committed transaction changed. Refuses (changing
 * nothing) when it is not committed, its backups were pruned, or a file changed since (a later upgrade).
 */
export async function rollbackTransaction(args: {
  dataDir: string;
  id: string | 'last';
  ops?: FsOps;
  renameDeadlineMs?: number;
  lockWaitMs?: number;
  /** The environment the journal's paths are derived again from (the install, the toolkit places). */
  env?: NodeJS.ProcessEnv;
}): Promise<RollbackResult> {
  const locked = await withOpLock({ dataDir: args.dataDir, what: em('opWhat.rolling-back'), waitMs: args.lockWaitMs }, () => rollbackLocked(args));
  return locked.ok ? locked.value : refuse(locked.refusal);
}

async function rollbackLocked(args: { dataDir: string; id: string | 'last'; ops?: FsOps; renameDeadlineMs?: number; env?: NodeJS.ProcessEnv }): Promise<RollbackResult> {
  // Read under the lock: what another process did a moment ago (a prune, a rollback) is seen.
  const journals = await listJournals(args.dataDir);
  const journal = args.id === 'last'
    ? journals.filter((j) => j.state === 'committed' && !j.pruned).at(-1)
    : journals.find((j) => j.id === args.id);
  if (!journal) return refuse(notFound(args.id));
  const refusals = await checkRollback(args.dataDir, journal, args.env ?? process.env);
  if (refusals.length > 0) return { kind: 'refused', refusals };
  const result = await rollBackJournal({
    dataDir: args.dataDir, journal, reason: em('reason.by-user'), ops: args.ops ?? nodeFsOps, renameDeadlineMs: args.renameDeadlineMs ?? 3000,
  });
  if (result.kind === 'incomplete') {
    return refuse(refusal({ lang: 'en', code: 'rollback-incomplete', params: { reason: result.reason } }));
  }
  return { kind: 'rolled-back', txId: journal.id, files: journal.files.length };
}

/** Why a journal cannot be rolled back now (empty: it can). */
async function checkRollback(dataDir: string, journal: Journal, env: NodeJS.ProcessEnv): Promise<Refusal[]> {
  if (journal.state !== 'committed') {
    return [refusal({ lang: 'en', code: 'not-committed', params: { id: journal.id, state: em(`state.${journal.state}`) } })];
  }
  if (journal.pruned) {
    return [refusal({ lang: 'en', code: 'backups-pruned', params: { id: journal.id } })];
  }
  const problem = await journalPathProblem(dataDir, journal, env);
  if (problem !== null) {
    return [journalUntrusted({ id: journal.id, problem })];
  }
  const out: Refusal[] = [];
  for (const t of journal.trees) {
    // Another pip run since (a reinstall, a later upgrade) changed the packages: rolling back would undo that too.
    const now = await distInfoNames(t.root);
    if (t.afterMarker.length > 0 && now.join('\n') !== t.afterMarker.join('\n')) {
      out.push(refusal({ lang: 'en', code: 'changed-since', variant: 'packages', params: { root: t.root, id: journal.id } }));
    }
  }
  for (const f of journal.files) {
    if (!(await unchanged(f))) {
      out.push(refusal({ lang: 'en', code: 'changed-since', params: { file: f.target, id: journal.id } }));
    }
  }
  for (const dir of new Set(journal.files.map((f) => path.dirname(f.target)))) {
    const check = await checkDirWritable(dir);
    if (!check.ok) out.push(notWritable({ dir, code: check.code }));
  }
  return out;
}

/** The placed file is still there: same identity (size, inode, mtime), or — after a copy-mode restore gave it a new inode — the same sha256. */
async function unchanged(f: Journal['files'][number]): Promise<boolean> {
  try {
    const s = await fs.lstat(f.target);
    if (!s.isFile()) return false;
    if (f.placed !== null && s.size === f.placed.bytes && s.ino === f.placed.ino && s.mtimeMs === f.placed.mtimeMs) return true;
    if (f.after === null || s.size !== f.after.bytes) return false;
    if (f.after.xxh3 !== undefined) return (await hashFile(f.target)).xxh3 === f.after.xxh3;
    return f.after.sha256 !== undefined && (await sha256Of(f.target)) === f.after.sha256;
  } catch {
    return false;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function notFound(id: string): Refusal {
  return id === 'last'
    ? refusal({ lang: 'en', code: 'nothing-to-roll-back' })
    : refusal({ lang: 'en', code: 'transaction-not-found', params: { id } });
}

function refuse(r: Refusal): RollbackResult {
  return { kind: 'refused', refusals: [r] };
}
