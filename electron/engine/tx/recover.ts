import type { Journal, RecoveryNote } from '../../../shared/schemas/tx.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { removeLater } from '../fs/deferred-removal.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { et } from '../i18n/engine-text.js';
import { displacedDir, listJournals, mismatchedFolders, sweepUnfinishedFolders, transition } from './journal-store.js';
import { RECOVERY } from './journal-state.js';
import { isActiveHere } from './active.js';
import { journalPathProblem } from './containment.js';
import { withOpLock } from './op-lock.js';
import { currentOwner, ownerRunning } from './pid-alive.js';
import { rollBackJournal } from './roll-back.js';

/**
 * Closes every journal a crash left open (run at every start and by `torchlift recover`): a verified swap is
 * completed, anything earlier is rolled back, an interrupted rollback is finished. Journals whose process is
 * still running are left alone, and so is every journal while another TorchLift operation holds the lock; a journal
 * whose paths do not hold up (tampered) is refused. Returns one plain-words note per journal it looked at.
 */
export async function recoverAll(args: { dataDir: string; ops?: FsOps; renameDeadlineMs?: number; lockWaitMs?: number; env?: NodeJS.ProcessEnv }): Promise<RecoveryNote[]> {
  const all = await listJournals(args.dataDir);
  const open = all.filter((j) => RECOVERY[j.state] !== 'none');
  // Journals in a folder of another name are never acted on (their id would steer writes and deletes elsewhere).
  const strays: RecoveryNote[] = (await mismatchedFolders(args.dataDir)).map((m) => ({
    txId: m.id, action: 'failed', note: `The journal in ${m.folder} was not touched: ${et('en', 'journalProblem.folder', { folder: m.folder, id: m.id })}. Check it by hand and delete the folder.`,
  }));
  if (open.length === 0) {
    sweepClosed(args.dataDir, all);
    await sweepUnfinishedFolders(args.dataDir);
    return strays;
  }
  const locked = await withOpLock({ dataDir: args.dataDir, what: 'recovering', waitMs: args.lockWaitMs }, async () => {
    const notes: RecoveryNote[] = [];
    // Read again under the lock: another process may have closed (or opened) journals meanwhile.
    const journals = await listJournals(args.dataDir);
    sweepClosed(args.dataDir, journals);
    await sweepUnfinishedFolders(args.dataDir);
    for (const journal of journals.filter((j) => RECOVERY[j.state] !== 'none')) notes.push(await recoverOne(args, journal));
    return notes;
  });
  if (locked.ok) return [...strays, ...locked.value];
  return open.map((j) => ({ txId: j.id, action: 'skipped', note: `Transaction ${j.id} (${j.intent}) was left alone: ${locked.refusal.message} ${locked.refusal.fix}` }));
}

/** A rollback that closed its journal but stopped before deleting the files it set aside. */
function sweepClosed(dataDir: string, journals: readonly Journal[]): void {
  for (const j of journals.filter((x) => RECOVERY[x.state] === 'none')) removeLater(displacedDir(dataDir, j.id));
}

async function recoverOne(args: { dataDir: string; ops?: FsOps; renameDeadlineMs?: number; env?: NodeJS.ProcessEnv }, journal: Journal): Promise<RecoveryNote> {
  if (isActiveHere(journal.id) || ownerRunning(journal)) {
    return { txId: journal.id, action: 'skipped', note: `Transaction ${journal.id} (${journal.intent}) is still running in process ${journal.pid}; left alone.` };
  }
  const problem = await journalPathProblem(args.dataDir, journal, args.env);
  if (problem !== null) {
    return { txId: journal.id, action: 'failed', note: `Transaction ${journal.id} (${journal.intent}) was not touched: its journal does not hold up (${problem}). Check the files by hand; delete the transaction's folder once they are right.` };
  }
  const at = new Date().toISOString();
  if (RECOVERY[journal.state] === 'complete') {
    const note = `Transaction ${journal.id} (${journal.intent}) had passed verification when TorchLift stopped; it is now committed.`;
    await transition(args.dataDir, journal, { to: 'committed', note: 'completed by recovery', patch: { ...currentOwner(), recovery: { at, action: 'completed', note } } });
    return { txId: journal.id, action: 'completed', note };
  }
  // The program (pip) of a crashed apply may outlive it: stop it before anything is put back under its feet.
  await stopProgram(journal);
  const was = journal.state;
  const note = was === 'rolling-back'
    ? `Transaction ${journal.id} (${journal.intent}) was being rolled back when TorchLift stopped; the rollback is now finished and every file is as it was before.`
    : `Transaction ${journal.id} (${journal.intent}) was interrupted while ${was}; it was rolled back and every file is as it was before.`;
  const result = await rollBackJournal({
    dataDir: args.dataDir,
    journal,
    reason: journal.reason ?? `interrupted while ${was} (TorchLift stopped)`,
    ops: args.ops ?? nodeFsOps,
    renameDeadlineMs: args.renameDeadlineMs ?? 3000,
    recovery: { at, action: 'rolled-back', note },
  });
  if (result.kind === 'rolled-back') return { txId: journal.id, action: 'rolled-back', note };
  return { txId: journal.id, action: 'failed', note: `Transaction ${journal.id} (${journal.intent}) could not be rolled back yet: ${result.reason}. Close the web UI that runs from this venv and run "torchlift recover".` };
}

/** Ends a journal's program if it still runs (same pid and start time), and waits until it is gone. */
async function stopProgram(journal: Journal): Promise<void> {
  const p = journal.program;
  if (p?.pid == null || !ownerRunning({ pid: p.pid, hostname: journal.hostname, procStart: p.procStart })) return;
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && ownerRunning({ pid: p.pid, hostname: journal.hostname, procStart: p.procStart }); i += 1) await sleep(50);
}
