import type { Msg } from '../../../shared/i18n/message.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Journal, type JournalFile, type JournalTree, type TxState } from '../../../shared/schemas/tx.js';
import { readJsonOrNull, writeJsonAtomic } from '../fs/atomic-json.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
import { fsyncDir } from '../fs/fsync.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { durableStep } from './fault.js';
import { BadTransitionError, canTransition } from './journal-state.js';
import { currentOwner } from './pid-alive.js';

/** `<dataDir>/transactions`: one folder per transaction. */
export function transactionsDir(dataDir: string): string {
  return path.join(dataDir, 'transactions');
}

/** `<dataDir>/transactions/<id>`. */
export function txDir(dataDir: string, id: string): string {
  return path.join(transactionsDir(dataDir), id);
}

/** The journal file of one transaction. */
export function journalPath(dataDir: string, id: string): string {
  return path.join(txDir(dataDir, id), 'journal.json');
}

/** Where rename/copy backups of one transaction live. */
export function backupDir(dataDir: string, id: string): string {
  return path.join(txDir(dataDir, id), 'backup');
}

/** Where a rollback sets the replaced new files aside until they are deleted in the background. */
export function displacedDir(dataDir: string, id: string): string {
  return path.join(txDir(dataDir, id), 'displaced');
}

/** A new transaction id: sortable by time, unique across processes ("20250114-093012-3fa2c1"). */
export function newTxId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Builds the first journal of a transaction (state `planned`), not yet written. */
export function newJournal(args: {
  id: string;
  goal: string;
  intent: string;
  intentMsg?: Msg | null;
  app: string | null;
  targetRoots: string[];
  confinedTo?: string | null;
  files: JournalFile[];
  trees?: JournalTree[];
  program?: Journal['program'];
}): Journal {
  const at = new Date().toISOString();
  return {
    schema: 1, id: args.id, goal: args.goal, intent: args.intent, intentMsg: args.intentMsg ?? null, app: args.app, createdAt: at, updatedAt: at,
    state: 'planned', ...currentOwner(), targetRoots: args.targetRoots, confinedTo: args.confinedTo ?? null, files: args.files,
    trees: args.trees ?? [], program: args.program ?? null,
    reason: null, reasonMsg: null, recovery: null, pruned: false, events: [{ at, state: 'planned', note: args.intent }], verifyLog: [],
  };
}

/**
 * Writes the journal durably (temp + fsync + rename + fsync dir; a new transaction folder is fsynced into
 * `transactions/` and that into the data folder). One durable step. `ops.open` lets tests fail the write.
 */
export async function saveJournal(dataDir: string, journal: Journal, ops: FsOps = nodeFsOps): Promise<void> {
  const dir = txDir(dataDir, journal.id);
  if (!(await folderExists(dir))) {
    // A new transaction's folder appears whole, journal inside: written under a dot-name (never listed), then renamed,
    // so a kill at any instant leaves either no folder or one with its journal (a stray dot-folder is swept).
    await mkdirDurable(transactionsDir(dataDir));
    const fresh = path.join(transactionsDir(dataDir), `.new-${journal.id}`);
    await fs.rm(fresh, { recursive: true, force: true });
    await fs.mkdir(fresh);
    await writeJsonAtomic(path.join(fresh, 'journal.json'), journal, ops);
    await fs.rename(fresh, dir);
    await fsyncDir(transactionsDir(dataDir));
  } else {
    await writeJsonAtomic(journalPath(dataDir, journal.id), journal, ops);
  }
  durableStep(`journal:${journal.state}`);
}

/** Removes `.new-*` folders a kill left between creating a transaction's folder and renaming it into place. */
export async function sweepUnfinishedFolders(dataDir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(transactionsDir(dataDir));
  } catch {
    return;
  }
  for (const n of names.filter((x) => x.startsWith('.new-'))) await fs.rm(path.join(transactionsDir(dataDir), n), { recursive: true, force: true });
}

async function folderExists(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** A state change as the transition table allows it, not yet written (pure; throws only for a bug). */
export type StateChange = { to: TxState; note: string; patch?: Partial<Journal> };

/** The journal moved to a new state with the note logged, in memory only. */
export function advance(journal: Journal, change: StateChange): Journal {
  if (!canTransition(journal.state, change.to)) throw new BadTransitionError(journal.state, change.to);
  const at = new Date().toISOString();
  return {
    ...journal,
    ...change.patch,
    state: change.to,
    updatedAt: at,
    events: [...journal.events, { at, state: change.to, note: change.note }],
  };
}

/** Moves the journal to a new state (checked against the transition table), logs the note, and saves it. */
export async function transition(dataDir: string, journal: Journal, change: StateChange & { ops?: FsOps }): Promise<Journal> {
  const next = advance(journal, change);
  await saveJournal(dataDir, next, change.ops);
  return next;
}

/**
 * Reads one journal; null when it is missing, unreadable, or names another id than its folder (a journal is trusted
 * only as far as the folder it lives in: its id decides where recovery writes and what it deletes).
 */
export async function loadJournal(dataDir: string, id: string): Promise<Journal | null> {
  if (!isTxId(id)) return null;
  const parsed = Journal.safeParse(await readJsonOrNull(journalPath(dataDir, id)));
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

/** A transaction id as newTxId makes them (nothing that could climb out of `transactions/`). */
export function isTxId(id: string): boolean {
  return /^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/.test(id);
}

/** Folders under `transactions/` whose journal names another id (tampered or copied): reported, never acted on. */
export async function mismatchedFolders(dataDir: string): Promise<{ folder: string; id: string }[]> {
  let names: string[];
  try {
    names = await fs.readdir(transactionsDir(dataDir));
  } catch {
    return [];
  }
  const out: { folder: string; id: string }[] = [];
  for (const n of names.filter((x) => !x.startsWith('.'))) {
    const raw = await readJsonOrNull(journalPath(dataDir, n));
    const id = raw !== null && typeof raw === 'object' && 'id' in raw ? String((raw as { id: unknown }).id) : null;
    if (id !== null && id !== n) out.push({ folder: path.join(transactionsDir(dataDir), n), id });
  }
  return out;
}

/** Every readable journal, oldest first. */
export async function listJournals(dataDir: string): Promise<Journal[]> {
  let names: string[];
  try {
    names = await fs.readdir(transactionsDir(dataDir));
  } catch {
    return [];
  }
  const journals = await Promise.all(names.filter((n) => !n.startsWith('.')).map((n) => loadJournal(dataDir, n)));
  return journals.filter((j): j is Journal => j !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
