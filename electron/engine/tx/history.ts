import fs from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry, Journal } from '../../../shared/schemas/tx.js';
import { backupDir, listJournals, saveJournal } from './journal-store.js';
import { isTerminal } from './journal-state.js';

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

/**
 * Deletes the backups of finished transactions (all, or the given ids) and marks them pruned: they stay in
 * history but can no longer be rolled back. Open transactions are never pruned.
 */
export async function pruneHistory(args: { dataDir: string; ids?: string[] }): Promise<{ pruned: string[]; freedBytes: number }> {
  const wanted = args.ids ? new Set(args.ids) : null;
  const pruned: string[] = [];
  let freedBytes = 0;
  for (const j of await listJournals(args.dataDir)) {
    if (!isTerminal(j.state) || (wanted && !wanted.has(j.id))) continue;
    const dir = backupDir(args.dataDir, j.id);
    const bytes = await folderBytes(dir);
    if (j.pruned && bytes === 0) continue;
    if (!j.pruned) await saveJournal(args.dataDir, { ...j, pruned: true, updatedAt: new Date().toISOString() });
    await fs.rm(dir, { recursive: true, force: true });
    pruned.push(j.id);
    freedBytes += bytes;
  }
  return { pruned, freedBytes };
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
