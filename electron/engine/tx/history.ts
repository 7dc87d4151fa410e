import fs from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry, Journal, Refusal } from '../../../shared/schemas/tx.js';
import { backupDir, listJournals, loadJournal, saveJournal } from './journal-store.js';
import { isTerminal } from './journal-state.js';
import { withOpLock } from './op-lock.js';

/** Past transactions, newest first, with the size of the backups each keeps. */
export async function listHistory(dataDir: string): Promise<HistoryEntry[]> {
  const journals = await listJournals(dataDir);
  const entries = await Promise.all(journals.map(async (j) => toEntry(j, await folderBytes(backupDir(dataDir, j.id)))));
  return entries.reverse();
}

/** One history row from a journal. */
export function toEntry(j: Journal, backupBytes: number): HistoryEntry {
  const status = !isTerminal(j.state) ? 'open' : j.recovery !== null ? 'recovered' : j.state === 'committed' ? 'committed' : 'rolled-back';
  return {
    id: j.id, goal: j.goal, intent: j.intent, app: j.app, createdAt: j.createdAt, updatedAt: j.updatedAt, time: j.createdAt, state: status, journalState: j.state, status,
    reason: j.reason, recoveryNote: j.recovery?.note ?? null,
    files: j.files.map((f) => ({ target: f.target, action: f.action, beforeBytes: f.before?.bytes ?? null, afterBytes: f.after?.bytes ?? null, label: f.label })),
    backupBytes,
    rollbackAvailable: j.state === 'committed' && !j.pruned,
  };
}

/** What pruning did, or why it did not run (another TorchLift operation holds the lock, the data folder is unusable). */
export type PruneResult = { ok: true; pruned: string[]; freedBytes: number } | { ok: false; refusal: Refusal };

/**
 * Deletes the backups of finished transactions (all, or the given ids) and marks them pruned: they stay in
 * history but can no longer be rolled back. Open transactions are never pruned. Runs under the operation lock and
 * reads each journal again just before writing it, so it never writes back a stale journal over a newer one.
 */
export async function pruneHistory(args: { dataDir: string; ids?: string[]; lockWaitMs?: number }): Promise<PruneResult> {
  const locked = await withOpLock({ dataDir: args.dataDir, what: 'pruning history', waitMs: args.lockWaitMs }, async () => {
    const wanted = args.ids ? new Set(args.ids) : null;
    const pruned: string[] = [];
    let freedBytes = 0;
    for (const listed of await listJournals(args.dataDir)) {
      const j = await loadJournal(args.dataDir, listed.id);
      if (j === null || !isTerminal(j.state) || (wanted && !wanted.has(j.id))) continue;
      const dir = backupDir(args.dataDir, j.id);
      const bytes = await folderBytes(dir);
      if (j.pruned && bytes === 0) continue;
      if (!j.pruned) await saveJournal(args.dataDir, { ...j, pruned: true, updatedAt: new Date().toISOString() });
      await fs.rm(dir, { recursive: true, force: true });
      pruned.push(j.id);
      freedBytes += bytes;
    }
    return { pruned, freedBytes };
  });
  return locked.ok ? { ok: true, ...locked.value } : locked;
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
