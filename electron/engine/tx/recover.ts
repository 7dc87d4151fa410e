import type { Journal, RecoveryNote } from '../../../shared/schemas/tx.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { removeLater } from '../fs/deferred-removal.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { em, english, msgOf, refusalSentence, type Text } from '../i18n/engine-text.js';
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
  const strays: RecoveryNote[] = (await mismatchedFolders(args.dataDir)).map((m) => (
    note(m.id, 'failed', em('recovery.stray-folder', { folder: m.folder, problem: em('journalProblem.folder', { folder: m.folder, id: m.id }) }))
  ));
  if (open.length === 0) {
    sweepClosed(args.dataDir, all);
    await sweepUnfinishedFolders(args.dataDir);
    return strays;
  }
  const locked = await withOpLock({ dataDir: args.dataDir, what: em('opWhat.recovering'), waitMs: args.lockWaitMs }, async () => {
    const notes: RecoveryNote[] = [];
    // Read again under the lock: another process may have closed (or opened) journals meanwhile.
    const journals = await listJournals(args.dataDir);
    sweepClosed(args.dataDir, journals);
    await sweepUnfinishedFolders(args.dataDir);
    for (const journal of journals.filter((j) => RECOVERY[j.state] !== 'none')) notes.push(await recoverOne(args, journal));
    return notes;
  });
  if (locked.ok) return [...strays, ...locked.value];
  return open.map((j) => note(j.id, 'skipped', em('recovery.left-alone', { id: j.id, intent: intentOf(j), refusal: refusalSentence(locked.refusal) })));
}

/** A recovery note: its English, and the message that renders it in any language. */
function note(txId: string, action: RecoveryNote['action'], text: Text): RecoveryNote {
  const m = msgOf(text);
  return m === null ? { txId, action, note: english(text) } : { txId, action, note: english(text), noteMsg: m };
}

/** A journal's intent as a message where it has one (journals written before messages keep their English). */
function intentOf(journal: Journal): Text {
  return journal.intentMsg ?? journal.intent;
}

/** A rollback that closed its journal but stopped before deleting the files it set aside. */
function sweepClosed(dataDir: string, journals: readonly Journal[]): void {
  for (const j of journals.filter((x) => RECOVERY[x.state] === 'none')) removeLater(displacedDir(dataDir, j.id));
}

async function recoverOne(args: { dataDir: string; ops?: FsOps; renameDeadlineMs?: number; env?: NodeJS.ProcessEnv }, journal: Journal): Promise<RecoveryNote> {
  if (isActiveHere(journal.id) || ownerRunning(journal)) {
    return note(journal.id, 'skipped', em('recovery.skipped', { id: journal.id, intent: intentOf(journal), pid: journal.pid }));
  }
  const problem = await journalPathProblem(args.dataDir, journal, args.env);
  if (problem !== null) {
    return note(journal.id, 'failed', em('recovery.untrusted', { id: journal.id, intent: intentOf(journal), problem }));
  }
  const at = new Date().toISOString();
  if (RECOVERY[journal.state] === 'complete') {
    const done = em('recovery.completed', { id: journal.id, intent: intentOf(journal) });
    await transition(args.dataDir, journal, { to: 'committed', note: 'completed by recovery', patch: { ...currentOwner(), recovery: { at, action: 'completed', note: english(done), noteMsg: done } } });
    return note(journal.id, 'completed', done);
  }
  // The program (pip) of a crashed apply may outlive it: stop it before anything is put back under its feet.
  await stopProgram(journal);
  const was = journal.state;
  const done = was === 'rolling-back'
    ? em('recovery.finished-rollback', { id: journal.id, intent: intentOf(journal) })
    : em('recovery.interrupted', { id: journal.id, intent: intentOf(journal), state: em(`state.${was}`) });
  const result = await rollBackJournal({
    dataDir: args.dataDir,
    journal,
    reason: journal.reasonMsg ?? journal.reason ?? em('reason.interrupted', { state: em(`state.${was}`) }),
    ops: args.ops ?? nodeFsOps,
    renameDeadlineMs: args.renameDeadlineMs ?? 3000,
    recovery: { at, action: 'rolled-back', note: english(done), noteMsg: done },
  });
  if (result.kind === 'rolled-back') return note(journal.id, 'rolled-back', done);
  return note(journal.id, 'failed', em('recovery.failed', { id: journal.id, intent: intentOf(journal), reason: result.reason }));
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
