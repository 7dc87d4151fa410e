import type { DllSwapInput, DllSwapPlan, Job } from '../schemas/tx.js';
import { jobFinished, wizardMachine, type GoalSpec, type WizardEvent, type WizardState } from './machine.js';

/** The DLL-swap goal (issue 4) on the one wizard machine: its choice, its input, its phases and their weights. */

/** What the user picked: the install and the folders the new files come from ('' = not used). */
export interface SourceChoice {
  app: string;
  cudaDir: string;
  cudnnDir: string;
}

/** The API input for a choice: trimmed folders, empty ones left out. */
export function inputOf(source: SourceChoice): DllSwapInput {
  const cudaDir = source.cudaDir.trim();
  const cudnnDir = source.cudnnDir.trim();
  return { app: source.app.trim(), ...(cudaDir ? { cudaDir } : {}), ...(cudnnDir ? { cudnnDir } : {}) };
}

/** Why a choice cannot be planned yet (the UI words it), or null when it can. */
export function choiceProblem(source: SourceChoice): 'no-app' | 'no-source' | null {
  const input = inputOf(source);
  if (input.app === '') return 'no-app';
  return input.cudaDir || input.cudnnDir ? null : 'no-source';
}

/** The running phases the user sees: new files copied beside the targets, swapped in, verified. */
export const DLL_SWAP_PHASES = ['staging', 'swapping', 'verifying'] as const;

/** Which phase a swap job is in, from the journal state it reports. */
export function dllSwapPhase(job: Job): string {
  if (['verifying', 'verified', 'committed', 'rolling-back', 'rolled-back'].includes(job.phase)) return 'verifying';
  if (['applying', 'applied'].includes(job.phase)) return 'swapping';
  return 'staging';
}

/** Weights of a swap's steps, so progress follows the work rather than fixed percentages. */
const STEP_WEIGHTS = { stage: 0.45, place: 0.2, verify: 0.35 } as const;

/** How far a job is, 0…1: bytes staged, files placed, then verification; 1 once it finished. */
export function jobProgress(job: Job | null): number {
  if (job === null) return 0;
  if (jobFinished(job)) return 1;
  const total = job.files.reduce((n, f) => n + f.bytes, 0);
  const staged = total > 0 ? job.files.reduce((n, f) => n + Math.min(f.doneBytes, f.bytes), 0) / total : 0;
  const placed = job.files.length > 0 ? job.files.filter((f) => f.state === 'placed').length / job.files.length : 0;
  const verifying = ['verifying', 'verified', 'committed'].includes(job.phase) ? 0.5 : 0;
  return STEP_WEIGHTS.stage * staged + STEP_WEIGHTS.place * placed + STEP_WEIGHTS.verify * verifying;
}

/** The dll-swap goal as the wizard machine sees it. */
export const dllSwapGoal: GoalSpec<SourceChoice, DllSwapPlan, DllSwapInput> = {
  goal: 'dll-swap',
  initialChoice: (app) => ({ app, cudaDir: '', cudnnDir: '' }),
  inputOf,
  choiceProblem,
  phases: DLL_SWAP_PHASES,
  phaseOf: dllSwapPhase,
  progress: jobProgress,
  plan: (api, input) => api.planDllSwap(input),
  start: (api, input) => api.startApply({ ...input, goal: 'dll-swap' }),
};

/** The dll-swap wizard machine. */
export const dllSwapMachine = wizardMachine(dllSwapGoal);

/** The dll-swap wizard's state and events. */
export type DllSwapState = WizardState<SourceChoice, DllSwapPlan>;
export type DllSwapEvent = WizardEvent<SourceChoice, DllSwapPlan>;
