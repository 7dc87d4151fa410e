import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Journal, type JournalFile, type TxState } from '../../../shared/schemas/tx.js';
import { readJsonOrNull, writeJsonAtomic } from '../fs/atomic-json.js';
import { mkdirDurable } from '../fs/durable-mkdir.js';
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
  app: string | null;
  targetRoots: string[];
  confinedTo?: string | null;
  files: JournalFile[];
}): Journal {
  const at = new Date().toISOString();
  return {
    schema: 1, id: args.id, goal: args.goal, intent: args.intent, app: args.app, createdAt: at, updatedAt: at,
    state: 'planned', ...currentOwner(), targetRoots: args.targetRoots, confinedTo: args.confinedTo ?? null, files: args.files,
    reason: null, recovery: null, pruned: false, events: [{ at, state: 'planned', note: args.intent }], verifyLog: [],
  };
}

/**
 * Writes the journal durably (temp + fsync + rename + fsync dir; a new transaction folder is fsynced into
 * `transactions/` and that into the data folder). One durable step. `ops.open` lets tests fail the write.
 */
export async function saveJournal(dataDir: string, journal: Journal, ops: FsOps = nodeFsOps): Promise<void> {
  await mkdirDurable(txDir(dataDir, journal.id));
  await writeJsonAtomic(journalPath(dataDir, journal.id), journal, ops);
  durableStep(`journal:${journal.state}`);
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

/** Reads one journal; null when it is missing or unreadable. */
export async function loadJournal(dataDir: string, id: string): Promise<Journal | null> {
  const parsed = Journal.safeParse(await readJsonOrNull(journalPath(dataDir, id)));
  return parsed.success ? parsed.data : null;
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
