import { msg } from '../../../shared/i18n/message.js';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { CudaDownload, CudaInstallInput, CudnnOverlayInput } from '../../../shared/schemas/cuda.js';
import type { DownloadProgress } from '../download/download.js';
import type { Job } from '../../../shared/schemas/tx.js';
import { loadJournal } from '../tx/journal-store.js';
import { startJob } from '../tx/jobs.js';
import { applyCudaInstall } from './cuda-install/apply.js';
import { planCudaInstall } from './cuda-install/plan.js';
import { planCudaPath } from './cuda-path/plan.js';
import { applyCudnnOverlay } from './cudnn-overlay/apply.js';
import { planCudnnOverlay } from './cudnn-overlay/plan.js';

type CudaCalls = 'planCudaInstall' | 'planCudnnOverlay' | 'planCudaPath';

/** The plan calls of the CUDA goals (issue 8); `dir` checks the data folder as every transaction call does. */
export function cudaPlanHandlers(env: NodeJS.ProcessEnv, dir: (lang: CudaInstallInput['lang']) => Promise<string>): Pick<ApiHandlers, CudaCalls> {
  return {
    async planCudaInstall(input) {
      return (await planCudaInstall({ input, env, dataDir: await dir(input.lang) })).plan;
    },
    async planCudnnOverlay(input) {
      return (await planCudnnOverlay({ input, env, dataDir: await dir(input.lang) })).plan;
    },
    async planCudaPath(input) {
      return planCudaPath({ input, env, dataDir: await dir(input.lang) });
    },
  };
}

/** Starts `apply cuda-install` / `apply cudnn-overlay` as a background job (progress and the verify log in its log). */
export function startCudaJob(input: (CudaInstallInput & { goal: 'cuda-install' }) | (CudnnOverlayInput & { goal: 'cudnn-overlay' }), env: NodeJS.ProcessEnv, dataDir: string): Job {
  return startJob(input.goal, async (report) => {
    const rows = (downloads: readonly CudaDownload[]): void => {
      report.setDownloads(downloads.map((d) => ({ name: d.name, url: d.url, bytes: d.bytes, doneBytes: d.cached ? (d.bytes ?? 0) : 0, speed: 0, etaSeconds: null, state: d.cached ? 'cached' : 'pending' })));
      if (downloads.some((d) => !d.cached)) report.phase('downloading', msg('cuda:job.downloading', { count: downloads.filter((d) => !d.cached).length }));
    };
    const onDownload = (index: number, p: DownloadProgress): void => {
      report.updateDownload(index, { doneBytes: p.doneBytes, bytes: p.totalBytes, speed: p.speed, etaSeconds: p.etaSeconds, state: p.state });
    };
    const common = { env, dataDir, onProgress: report.onProgress, log: report.log, onDownload };
    const { outcome } = input.goal === 'cuda-install'
      ? await applyCudaInstall(input, { ...common, onPlan: (p) => {
        report.log(`plan: ${p.status}, ${p.mode} mode, ${p.downloads.length} download(s) → ${p.target}`);
        rows(p.downloads);
      } })
      : await applyCudnnOverlay(input, { ...common, onPlan: (p) => {
        report.log(`plan: ${p.status}, ${p.files.length} file(s) → ${p.toolkit}`);
        if (p.download !== null) rows([p.download]);
      } });
    if (outcome.kind !== 'refused') {
      const journal = await loadJournal(dataDir, outcome.txId);
      for (const line of journal?.verifyLog ?? []) report.log(`verify: ${line}`);
    }
    return outcome;
  });
}
