import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { TxCallName } from '../../../shared/api/tx-contract.js';
import { HandlerError } from '../api/handler-error.js';
import { dataDir } from '../data-dir.js';
import { refusal } from '../i18n/engine-text.js';
import { localizeHistoryEntry, localizeJob, localizeRecoveryNote, localizeRollback } from '../i18n/tx-text.js';
import { listHistory, pruneHistory } from '../tx/history.js';
import { getJob, startJob } from '../tx/jobs.js';
import { loadJournal } from '../tx/journal-store.js';
import { recoverAll } from '../tx/recover.js';
import { rollbackTransaction } from '../tx/rollback-tx.js';
import { applyDllSwap } from './dll-swap/apply.js';
import { planDllSwap } from './dll-swap/plan.js';

/**
 * The transaction calls of the one API (plan, apply jobs, history, rollback, prune, recover), for every host.
 * Texts come back in the input's `lang` (English when left out); journals on disk stay English.
 */
export function txHandlers(env: NodeJS.ProcessEnv): Pick<ApiHandlers, TxCallName> {
  const dir = (): string => dataDir(env);
  return {
    async planDllSwap(input) {
      return (await planDllSwap({ input, env, dataDir: dir() })).plan;
    },
    async startApply(input) {
      const job = startJob(input.goal, async (report) => {
        const { outcome } = await applyDllSwap(input, { env, dataDir: dir(), onPlan: report.onPlan, onProgress: report.onProgress });
        if (outcome.kind !== 'refused') {
          const journal = await loadJournal(dir(), outcome.txId);
          for (const line of journal?.verifyLog ?? []) report.log(`verify: ${line}`);
        }
        return outcome;
      });
      return localizeJob(input.lang ?? 'en', job);
    },
    async getJob(input) {
      const lang = input.lang ?? 'en';
      const job = getJob(input.id);
      if (!job) throw new HandlerError(refusal({ lang, code: 'job-not-found', params: { id: input.id } }));
      return localizeJob(lang, job);
    },
    async history(input) {
      const entries = await listHistory(dir());
      return { entries: entries.map((e) => localizeHistoryEntry(input.lang ?? 'en', e)), backupBytes: entries.reduce((n, e) => n + e.backupBytes, 0) };
    },
    async rollback(input) {
      return localizeRollback(input.lang ?? 'en', await rollbackTransaction({ dataDir: dir(), id: input.id }));
    },
    async pruneHistory(input) {
      return pruneHistory({ dataDir: dir(), ids: input.ids });
    },
    async recover(input) {
      const notes = await recoverAll({ dataDir: dir() });
      return { notes: notes.map((n) => localizeRecoveryNote(input.lang ?? 'en', n)) };
    },
  };
}
