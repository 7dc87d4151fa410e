import os from 'node:os';
import type { RecoveryNote } from '../../../shared/schemas/tx.js';
import { nodeFsOps, type FsOps } from '../fs/fs-ops.js';
import { removeLater } from '../fs/deferred-removal.js';
import { displacedDir, listJournals, transition } from './journal-store.js';
import { RECOVERY } from './journal-state.js';
import { isActiveHere } from './active.js';
import { isAlive } from './pid-alive.js';
import { rollBackJournal } from './roll-back.js';

/**
 * Closes every journal a crash left open (run at every start and by `torchlift recover`): a verified swap is
 * completed, anything earlier is rolled back, an interrupted rollback is finished. Journals whose process is
 * still running are left alone. Returns one plain-words note per journal it looked at.
 */
export async function recoverAll(args: { dataDir: string; ops?: FsOps; renameDeadlineMs?: number }): Promise<RecoveryNote[]> {
  const notes: RecoveryNote[] = [];
  for (const journal of await listJournals(args.dataDir)) {
    const action = RECOVERY[journal.state];
    if (action === 'none') {
      // A rollback that closed its journal but stopped before deleting the files it set aside.
      removeLater(displacedDir(args.dataDir, journal.id));
      continue;
    }
    const sameHost = journal.hostname === os.hostname();
    if (isActiveHere(journal.id) || (sameHost && isAlive(journal.pid))) {
      notes.push({ txId: journal.id, action: 'skipped', note: `Transaction ${journal.id} (${journal.intent}) is still running in process ${journal.pid}; left alone.` });
      continue;
    }
    const at = new Date().toISOString();
    if (action === 'complete') {
      const note = `Transaction ${journal.id} (${journal.intent}) had passed verification when TorchLift stopped; it is now committed.`;
      await transition(args.dataDir, journal, { to: 'committed', note: 'completed by recovery', patch: { recovery: { at, action: 'completed', note } } });
      notes.push({ txId: journal.id, action: 'completed', note });
      continue;
    }
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
    if (result.kind === 'rolled-back') notes.push({ txId: journal.id, action: 'rolled-back', note });
    else notes.push({ txId: journal.id, action: 'failed', note: `Transaction ${journal.id} (${journal.intent}) could not be rolled back yet: ${result.reason}. Close the web UI that runs from this venv and run "torchlift recover".` });
  }
  return notes;
}
