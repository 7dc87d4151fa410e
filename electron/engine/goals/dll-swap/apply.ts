import os from 'node:os';
import path from 'node:path';
import type { DllSwapInput, DllSwapPlan, TxOutcome, VerifyReport } from '../../../../shared/schemas/tx.js';
import type { FsOps } from '../../fs/fs-ops.js';
import { et } from '../../i18n/engine-text.js';
import { runTransaction, type TxProgress } from '../../tx/transaction.js';
import { planDllSwap } from './plan.js';
import { swapSummary } from './version-checks.js';
import { verifyDllSwap } from './verify.js';
import { runUpgradeCheck, speedupText, workloadChange } from '../torch-upgrade/verify.js';

/** Options of applyDllSwap beyond the input; `ops` and `backupMode` exist for tests. */
export interface ApplyDllSwapOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  ops?: FsOps;
  backupMode?: 'auto' | 'copy';
  onPlan?: (plan: DllSwapPlan) => void;
  onProgress?: (p: TxProgress) => void;
  /** With `input.measure`: the before/after timing once both runs are done (after a committed swap). */
  onTiming?: (report: VerifyReport) => void;
}

/** `apply dll-swap`: plans again (never trusting a stale plan), then runs the swap as one verified transaction. */
export async function applyDllSwap(input: DllSwapInput, opts: ApplyDllSwapOptions): Promise<{ plan: DllSwapPlan; outcome: TxOutcome }> {
  const planned = await planDllSwap({ input, env: opts.env, dataDir: opts.dataDir, ops: opts.ops });
  const { plan, python } = planned;
  opts.onPlan?.(plan);
  if (plan.status === 'refused' || python === null || planned.sitePackages === null) return { plan, outcome: { kind: 'refused', refusals: plan.refusals } };
  // The guided CUDA path times the same workload as the torch upgrade, before the swap and after it (same size).
  const measure = (size: number | null = null) => runUpgradeCheck({ python, env: opts.env, needCuda: true, size, cwd: os.tmpdir() });
  const before = input.measure === true ? await measure() : null;
  // The verify hook's checks, kept so the timing report below carries them too (it replaces the job's verify).
  let checks: VerifyReport['checks'] = [];
  const what = swapSummary({ cudaDir: input.cudaDir ?? null, cuda: plan.cuda, cudnnDir: input.cudnnDir ?? null, cudnn: plan.cudnn });
  const outcome = await runTransaction({
    dataDir: opts.dataDir,
    goal: 'dll-swap',
    // Journals keep English; history translates the title when it is shown (localizeHistoryEntry).
    intent: et('en', 'intent.dll-swap', { what, app: path.basename(plan.app) }),
    app: plan.app,
    targetRoots: plan.libDirs,
    confinedTo: planned.sitePackages,
    files: plan.files.map((f) => ({ target: f.target, source: f.source, label: `${path.basename(f.target)}: ${f.oldVersion ?? '?'} → ${f.newVersion ?? '?'}` })),
    verify: () => verifyDllSwap({ python, app: plan.app, env: opts.env, expectedCudnn: planned.expectedCudnn }),
    ops: opts.ops,
    backupMode: opts.backupMode,
    onProgress: (p) => {
      if (p.kind === 'verify') checks = p.checks;
      opts.onProgress?.(p);
    },
  });
  if (before !== null && outcome.kind === 'committed') {
    const after = await measure(before.size);
    opts.onTiming?.({ checks, beforeMs: before.ms, afterMs: after.ms, speedup: speedupText(before.ms, after.ms), change: workloadChange(before.ms, after.ms) });
  }
  return { plan, outcome };
}
