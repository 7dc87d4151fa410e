import './arm-faults.js';
import { durableStepCount } from '../fault.js';
import { rollbackTransaction } from '../rollback-tx.js';
import { runTransaction, type TxFileSpec } from '../transaction.js';

/**
 * A child process for the crash tests: runs one apply or rollback; TORCHLIFT_FAULT_STEP=N makes it SIGKILL itself
 * at its N-th durable step. Prints `{"steps": n, "outcome": ...}` when it lives to the end.
 * argv[2]: JSON { mode: 'apply' | 'apply-fail' | 'rollback', dataDir, libDir, files, backupMode }.
 */
interface DriverArgs {
  mode: 'apply' | 'apply-fail' | 'rollback';
  dataDir: string;
  libDir: string;
  files: TxFileSpec[];
  backupMode: 'auto' | 'copy';
}

const args = JSON.parse(process.argv[2] ?? '{}') as DriverArgs;
const outcome = args.mode === 'rollback'
  ? await rollbackTransaction({ dataDir: args.dataDir, id: 'last' })
  : await runTransaction({
    dataDir: args.dataDir, goal: 'files', intent: 'fault test', app: null, targetRoots: [args.libDir], files: args.files,
    backupMode: args.backupMode, renameDeadlineMs: 200,
    verify: async () => (args.mode === 'apply' ? { ok: true, log: [] } : { ok: false, reason: 'injected verify failure', log: [] }),
  });
process.stdout.write(`${JSON.stringify({ steps: durableStepCount(), outcome })}\n`);
