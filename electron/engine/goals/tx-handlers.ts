import path from 'node:path';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { TxCallName } from '../../../shared/api/tx-contract.js';
import type { TxLang } from '../../../shared/schemas/tx.js';
import { HandlerError } from '../api/handler-error.js';
import { checkDataDir, dataDir } from '../data-dir.js';
import { refusal, refusalIn } from '../i18n/engine-text.js';
import { historyEntryIn, jobIn, recoveryNoteIn, rollbackIn } from '../i18n/tx-in-lang.js';
import { listHistory, pruneHistory } from '../tx/history.js';
import { getJob, listJobs, startJob } from '../tx/jobs.js';
import { applyTorchUpgrade } from './torch-upgrade/apply.js';
import { withSettingsSources } from './torch-upgrade/defaults.js';
import { planTorchUpgrade } from './torch-upgrade/plan.js';
import { loadJournal } from '../tx/journal-store.js';
import { recoverAll } from '../tx/recover.js';
import { rollbackTransaction } from '../tx/rollback-tx.js';
import { applyDllSwap } from './dll-swap/apply.js';
import { planDllSwap } from './dll-swap/plan.js';
import { cudaPlanHandlers, startCudaJob } from './cuda-handlers.js';
import { isSystemInstall, undoSystemInstall } from './cuda-install/uninstall.js';
import { cudaRefusal } from './cuda-install/text.js';

/**
 * The transaction calls of the one API (plan, apply jobs, history, rollback, prune, recover), for every host.
 * Texts come back in the input's `lang` (English when left out), rendered from the messages the engine keeps.
 */
export function txHandlers(env: NodeJS.ProcessEnv): Pick<ApiHandlers, TxCallName> {
  // The data folder is checked before each call (exists or can be created, is a folder, writable): a file or a
  // read-only place named by TORCHLIFT_DATA_DIR is refused as bad input ('data-dir-unusable'), not an internal error.
  const dir = async (lang: TxLang | undefined, write = true): Promise<string> => {
    const d = dataDir(env);
    const problem = await checkDataDir(d, { write });
    if (problem) throw new HandlerError(refusalIn(lang ?? 'en', problem));
    return d;
  };
  return {
    ...cudaPlanHandlers(env, (lang) => dir(lang)),
    async planDllSwap(input) {
      return (await planDllSwap({ input, env, dataDir: await dir(input.lang) })).plan;
    },
    async planTorchUpgrade(input) {
      const data = await dir(input.lang);
      return (await planTorchUpgrade({ ...withSettingsSources(input, data, env), dataDir: data })).plan;
    },
    async listJobs(input) {
      return { jobs: listJobs().map((j) => jobIn(input.lang ?? 'en', j)) };
    },
    async startApply(input) {
      const data = await dir(input.lang);
      if (input.goal === 'torch-upgrade') {
        const job = startJob('torch-upgrade', async (report) => {
          report.setApp(path.resolve(input.app));
          const chosen = withSettingsSources(input, data, env);
          const { outcome } = await applyTorchUpgrade(chosen.input, {
            env: chosen.env, dataDir: data,
            report: {
              phase: report.phase, setDownloads: report.setDownloads, updateDownload: report.updateDownload, setVerify: report.setVerify,
              onProgress: report.onProgress, log: report.log,
            },
          });
          if (outcome.kind !== 'refused') {
            const journal = await loadJournal(data, outcome.txId);
            for (const line of journal?.verifyLog ?? []) report.log(`verify: ${line}`);
          }
          return outcome;
        });
        return jobIn(input.lang ?? 'en', job);
      }
      if (input.goal === 'cuda-install' || input.goal === 'cudnn-overlay') return jobIn(input.lang ?? 'en', startCudaJob(input, env, data));
      const job = startJob(input.goal, async (report) => {
        const { outcome } = await applyDllSwap(input, { env, dataDir: data, onPlan: report.onPlan, onProgress: report.onProgress, onTiming: report.setVerify });
        if (outcome.kind !== 'refused') {
          const journal = await loadJournal(data, outcome.txId);
          for (const line of journal?.verifyLog ?? []) report.log(`verify: ${line}`);
        }
        return outcome;
      });
      return jobIn(input.lang ?? 'en', job);
    },
    async getJob(input) {
      const lang = input.lang ?? 'en';
      const job = getJob(input.id);
      if (!job) throw new HandlerError(refusal({ lang, code: 'job-not-found', params: { id: input.id } }));
      return jobIn(lang, job);
    },
    async history(input) {
      const entries = await listHistory(await dir(input.lang, false));
      return { entries: entries.map((e) => historyEntryIn(input.lang ?? 'en', e)), backupBytes: entries.reduce((n, e) => n + e.backupBytes, 0) };
    },
    async rollback(input) {
      const data = await dir(input.lang);
      const lang = input.lang ?? 'en';
      // A system-mode toolkit install is undone by the toolkit's own uninstaller (its own History entry), not a rollback.
      const journal = input.id === 'last' ? null : await loadJournal(data, input.id);
      if (journal !== null && journal.state === 'committed' && isSystemInstall(journal)) {
        const outcome = await undoSystemInstall({ dataDir: data, journal, env, lang });
        if (outcome.kind === 'committed') return { kind: 'rolled-back', txId: outcome.txId, files: 0 };
        if (outcome.kind === 'refused') return rollbackIn(lang, { kind: 'refused', refusals: outcome.refusals });
        return { kind: 'refused', refusals: [cudaRefusal(lang, 'uninstall-failed', { reason: outcome.reasonMsg ?? outcome.reason, id: outcome.txId })] };
      }
      return rollbackIn(lang, await rollbackTransaction({ dataDir: data, id: input.id, env }));
    },
    async pruneHistory(input) {
      const result = await pruneHistory({ dataDir: await dir(input.lang), ids: input.ids });
      if (!result.ok) throw new HandlerError(refusalIn(input.lang ?? 'en', result.refusal));
      return { pruned: result.pruned, freedBytes: result.freedBytes };
    },
    async recover(input) {
      const notes = await recoverAll({ dataDir: await dir(input.lang), env });
      return { notes: notes.map((n) => recoveryNoteIn(input.lang ?? 'en', n)) };
    },
  };
}
