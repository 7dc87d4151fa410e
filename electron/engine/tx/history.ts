import fs from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry, Journal, Refusal } from '../../../shared/schemas/tx.js';
import { em } from '../i18n/engine-text.js';
import { backupDir, listJournals, loadJournal, saveJournal, txDir } from './journal-store.js';
import { snapshotBytes, treeBase } from './tree-steps.js';
import { isTerminal } from './journal-state.js';
import { withOpLock } from './op-lock.js';

/** Past transactions, newest first, with the size of the backups each keeps. */
export async function listHistory(dataDir: string): Promise<HistoryEntry[]> {
  const journals = await listJournals(dataDir);
  const entries = await Promise.all(journals.map(async (j) => toEntry(j, await keptBytes(dataDir, j))));
  return entries.reverse();
}

/** One history row from a journal. */
export function toEntry(j: Journal, backupBytes: number): HistoryEntry {
  const status = !isTerminal(j.state) ? 'open' : j.recovery !== null ? 'recovered' : j.state === 'committed' ? 'committed' : 'rolled-back';
  return {
    id: j.id, goal: j.goal, intent: j.intent, app: j.app, createdAt: j.createdAt, updatedAt: j.updatedAt, time: j.createdAt, state: status, journalState: j.state, status,
    reason: j.reason, recoveryNote: j.recovery?.note ?? null,
    intentMsg: j.intentMsg, reasonMsg: j.reasonMsg, recoveryNoteMsg: j.recovery?.noteMsg ?? null,
    files: j.files.map((f) => ({ target: f.target, action: f.action, beforeBytes: f.before?.bytes ?? null, afterBytes: f.after?.bytes ?? null, label: f.label })),
    backupBytes,
    rollbackAvailable: j.state === 'committed' && !j.pruned,
  };
}

/** What pruning did, or why it did not run (another TorchLift operation holds the lock, the data folder is unusable). */
export type PruneResult = { ok: true; pruned: string[]; freedBytes: number } | { ok: false; refusal: Refusal };

/**
 * Deletes finished transactions (all, or the given ids): their backups, package snapshots and journals together, so
 * nothing accumulates. Open transactions are never pruned. Runs under the operation lock and reads each journal
 * again just before deleting it, so it never acts on a stale one. The journal goes last: a kill midway leaves a
 * journal marked pruned (no rollback offered) whose leftovers the next prune removes.
 */
export async function pruneHistory(args: { dataDir: string; ids?: string[]; lockWaitMs?: number }): Promise<PruneResult> {
  const locked = await withOpLock({ dataDir: args.dataDir, what: em('opWhat.pruning'), waitMs: args.lockWaitMs }, async () => {
    const wanted = args.ids ? new Set(args.ids) : null;
    const pruned: string[] = [];
    let freedBytes = 0;
    for (const listed of await listJournals(args.dataDir)) {
      const j = await loadJournal(args.dataDir, listed.id);
      if (j === null || !isTerminal(j.state) || (wanted && !wanted.has(j.id))) continue;
      const bytes = await keptBytes(args.dataDir, j);
      if (!j.pruned) await saveJournal(args.dataDir, { ...j, pruned: true, updatedAt: new Date().toISOString() });
      for (const t of j.trees) await fs.rm(treeBase(t.root, j.id), { recursive: true, force: true });
      await fs.rm(txDir(args.dataDir, j.id), { recursive: true, force: true });
      pruned.push(j.id);
      freedBytes += bytes;
    }
    return { pruned, freedBytes };
  });
  return locked.ok ? { ok: true, ...locked.value } : locked;
}

/** What a transaction keeps on disk for its rollback: file backups plus package snapshots no longer shared with the install. */
async function keptBytes(dataDir: string, j: Journal): Promise<number> {
  const trees = await Promise.all(j.trees.map((t) => snapshotBytes(t)));
  return (await folderBytes(backupDir(dataDir, j.id))) + trees.reduce((a, b) => a + b, 0);
}

async function folderBytes(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  const sizes = await Promise.all(names.map(async (n) => {
    try {
      return (await fs.lstat(path.join(dir, n))).size;
    } catch {
      return 0;
    }
  }));
  return sizes.reduce((a, b) => a + b, 0);
}
