import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { TxCallName } from '../../../shared/api/tx-contract.js';
import { HandlerError } from '../api/handler-error.js';
import { dataDir } from '../data-dir.js';
import { listHistory, pruneHistory } from '../tx/history.js';
import { getJob, startJob } from '../tx/jobs.js';
import { loadJournal } from '../tx/journal-store.js';
import { recoverAll } from '../tx/recover.js';
import { rollbackTransaction } from '../tx/rollback-tx.js';
import { applyDllSwap } from './dll-swap/apply.js';
import { planDllSwap } from './dll-swap/plan.js';

/** The transaction calls of the one API (plan, apply jobs, history, rollback, prune, recover), for every host. */
export function txHandlers(env: NodeJS.ProcessEnv): Pick<ApiHandlers, TxCallName> {
  const dir = (): string => dataDir(env);
  return {
    async planDllSwap(input) {
      return (await planDllSwap({ input, env, dataDir: dir() })).plan;
    },
    async startApply(input) {
      return startJob(input.goal, async (report) => {
        const { outcome } = await applyDllSwap(input, { env, dataDir: dir(), onPlan: report.onPlan, onProgress: report.onProgress });
        if (outcome.kind !== 'refused') {
          const journal = await loadJournal(dir(), outcome.txId);
          for (const line of journal?.verifyLog ?? []) report.log(`verify: ${line}`);
        }
        return outcome;
      });
    },
    async getJob(input) {
      const job = getJob(input.id);
      if (!job) throw new HandlerError({ code: 'job-not-found', message: `There is no job "${input.id}" in this TorchLift process.`, fix: 'Jobs live as long as the process that started them; see "torchlift history" for finished transactions.' });
      return job;
    },
    async history() {
      const entries = await listHistory(dir());
      return { entries, backupBytes: entries.reduce((n, e) => n + e.backupBytes, 0) };
    },
    async rollback(input) {
      return rollbackTransaction({ dataDir: dir(), id: input.id });
    },
    async pruneHistory(input) {
      return pruneHistory({ dataDir: dir(), ids: input.ids });
    },
    async recover() {
      return { notes: await recoverAll({ dataDir: dir() }) };
    },
  };
}
