import path from 'node:path';
import type { DllSwapInput, DllSwapPlan, TxOutcome, VerifyReport } from '../../../../shared/schemas/tx.js';
import type { FsOps } from '../../fs/fs-ops.js';
import { em } from '../../i18n/engine-text.js';
import { runTransaction, type TxProgress } from '../../tx/transaction.js';
import { planDllSwap } from './plan.js';
import { swapSummary } from './version-checks.js';
import { verifyDllSwap } from './verify.js';

/** Options of applyDllSwap beyond the input; `ops` and `backupMode` exist for tests. */
export interface ApplyDllSwapOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  ops?: FsOps;
  backupMode?: 'auto' | 'copy';
  onPlan?: (plan: DllSwapPlan) => void;
  onProgress?: (p: TxProgress) => void;
  /** The verification's structured checks, once it ran (no timing: a DLL swap measures none). */
  onVerify?: (report: VerifyReport) => void;
}

/** `apply dll-swap`: plans again (never trusting a stale plan), then runs the swap as one verified transaction. */
export async function applyDllSwap(input: DllSwapInput, opts: ApplyDllSwapOptions): Promise<{ plan: DllSwapPlan; outcome: TxOutcome }> {
  const planned = await planDllSwap({ input, env: opts.env, dataDir: opts.dataDir, ops: opts.ops });
  const { plan, python } = planned;
  opts.onPlan?.(plan);
  if (plan.status === 'refused' || python === null || planned.sitePackages === null) return { plan, outcome: { kind: 'refused', refusals: plan.refusals } };
  const what = swapSummary({ cudaDir: input.cudaDir ?? null, cuda: plan.cuda, cudnnDir: input.cudnnDir ?? null, cudnn: plan.cudnn });
  const outcome = await runTransaction({
    dataDir: opts.dataDir,
    goal: 'dll-swap',
    intent: em('intent.dll-swap', { what, app: path.basename(plan.app) }),
    app: plan.app,
    targetRoots: plan.libDirs,
    confinedTo: planned.sitePackages,
    files: plan.files.map((f) => ({ target: f.target, source: f.source, label: `${path.basename(f.target)}: ${f.oldVersion ?? '?'} → ${f.newVersion ?? '?'}` })),
    verify: async () => {
      const verdict = await verifyDllSwap({ python, app: plan.app, env: opts.env, expectedCudnn: planned.expectedCudnn });
      if (verdict.checks) opts.onVerify?.({ checks: verdict.checks, beforeMs: null, afterMs: null, speedup: '' });
      return verdict;
    },
    ops: opts.ops,
    backupMode: opts.backupMode,
    onProgress: opts.onProgress,
  });
  return { plan, outcome };
}
