import { z } from 'zod';
import { CudaInstallInput, CudaInstallPlan, CudaPathInput, CudaPathPlan, CudnnOverlayInput, CudnnOverlayPlan } from '../schemas/cuda.js';
import { TorchUpgradeInput, TorchUpgradePlan } from '../schemas/torch-upgrade.js';
import { DllSwapInput, DllSwapPlan, HistoryEntry, Job, RecoveryNote, RollbackResult, TxLang } from '../schemas/tx.js';

/** Every text-bearing call takes an optional `lang` (refusals, reasons, titles in that language; English when left out). */
const lang = { lang: TxLang.optional() };

/** The transaction calls of the API contract (plan, apply jobs, history, rollback, prune, recover), spread into apiContract. */
export const txContract = {
  /** A dll-swap plan: every file (old → new, sizes), backup size, free space, refusals. Changes nothing. */
  planDllSwap: { input: DllSwapInput, output: DllSwapPlan },
  /** Starts applying a goal in the background; poll getJob with the returned id. */
  /** A torch-upgrade plan: every package old → new (URL, sha256, size), disk, launcher lines, refusals. Changes nothing. */
  planTorchUpgrade: { input: TorchUpgradeInput, output: TorchUpgradePlan },
  startApply: {
    input: z.discriminatedUnion('goal', [
      DllSwapInput.extend({ goal: z.literal('dll-swap') }),
      TorchUpgradeInput.extend({ goal: z.literal('torch-upgrade') }),
      CudaInstallInput.extend({ goal: z.literal('cuda-install') }),
      CudnnOverlayInput.extend({ goal: z.literal('cudnn-overlay') }),
    ]),
    output: Job,
  },
  /** A cuda-install plan: driver check, mode, every download (checksum, size), installer arguments, env vars. Changes nothing. */
  planCudaInstall: { input: CudaInstallInput, output: CudaInstallPlan },
  /** A cudnn-overlay plan: every file the archive places into the toolkit (old → new), CUDA-major check. Changes nothing. */
  planCudnnOverlay: { input: CudnnOverlayInput, output: CudnnOverlayPlan },
  /** The guided CUDA 12 path for one install: each step, skipped when done, or the blocker and the torch upgrade. */
  planCudaPath: { input: CudaPathInput, output: CudaPathPlan },
  /** Every job this engine process knows (running first), so a reloaded window reattaches to a running one. */
  listJobs: { input: z.object({ ...lang }), output: z.object({ jobs: z.array(Job) }) },
  /** One job's per-file progress, and its result ("committed" or "rolled back: <reason>") with the log. */
  getJob: { input: z.object({ id: z.string().min(1), ...lang }), output: Job },
  /** Past transactions, newest first, with the size of their backups. */
  history: { input: z.object({ ...lang }), output: z.object({ entries: z.array(HistoryEntry), backupBytes: z.number() }) },
  /** Rolls back one committed transaction ("last": the newest committed one). */
  rollback: { input: z.object({ id: z.string().min(1), ...lang }), output: RollbackResult },
  /** Deletes the backups of finished transactions (all, or the given ids). */
  pruneHistory: { input: z.object({ ids: z.array(z.string()).optional(), ...lang }), output: z.object({ pruned: z.array(z.string()), freedBytes: z.number() }) },
  /** Finishes or undoes transactions a crash left open. */
  recover: { input: z.object({ ...lang }), output: z.object({ notes: z.array(RecoveryNote) }) },
} as const;

/** The names of the transaction calls. */
export type TxCallName = keyof typeof txContract;
