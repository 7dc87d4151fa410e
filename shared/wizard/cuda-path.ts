import type { CudaInstallInput, CudaInstallPlan, CudaPathPlan, CudaPathStep, CudnnOverlayInput, CudnnOverlayPlan } from '../schemas/cuda.js';
import type { DllSwapInput, DllSwapPlan, Job } from '../schemas/tx.js';
import { dllSwapGoal, inputOf as swapInputOf, type SourceChoice } from './dll-swap.js';
import { jobFinished, wizardMachine, type GoalSpec, type WizardState } from './machine.js';

/*
 * The guided CUDA 12 path (issue 8): the path plan (planCudaPath) lists every step up front; each step that changes
 * files is one goal on the one wizard machine — cuda-install, cudnn-overlay, dll-swap (timed before/after) — so each
 * is its own transaction that History can undo. This file holds those goals and the pure rules that join them.
 */

/** The steps of the path that run a goal (the driver is only checked; verify shows the swap's checks and timing). */
export type PathGoalStep = 'toolkit' | 'cudnn' | 'dll-swap';
export const PATH_GOAL_STEPS: readonly PathGoalStep[] = ['toolkit', 'cudnn', 'dll-swap'];

/** The screen's steps: the overview of the whole path, each goal step, and the closing verify/timing. */
export const PATH_SCREEN_STEPS = ['overview', 'toolkit', 'cudnn', 'dll-swap', 'verify'] as const;
export type PathScreenStep = (typeof PATH_SCREEN_STEPS)[number];

/** Weighted progress of a job: downloads (bytes), then files placed, then verification; 1 once it finished. */
function weightedProgress(job: Job | null, hasDownloads: boolean): number {
  if (job === null) return 0;
  if (jobFinished(job)) return 1;
  const sum = (ns: number[]): number => ns.reduce((a, b) => a + b, 0);
  const dlTotal = sum(job.downloads.map((d) => d.bytes ?? 0));
  const dlDone = dlTotal > 0 ? sum(job.downloads.map((d) => (d.state === 'cached' || d.state === 'done' ? (d.bytes ?? 0) : Math.min(d.doneBytes, d.bytes ?? 0)))) / dlTotal : 0;
  const placed = job.files.length > 0 ? job.files.filter((f) => f.state === 'placed').length / job.files.length : ['applied', 'verifying', 'verified'].includes(job.phase) ? 1 : 0;
  const verifying = ['verifying', 'verified'].includes(job.phase) ? 1 : 0;
  const [d, p, v] = hasDownloads ? [0.5, 0.3, 0.2] : [0, 0.7, 0.3];
  return d * dlDone + p * placed + v * verifying * 0.5;
}

/** Which of `[fetch, place, 'verifying']` a job is in, from the phase it reports. */
const phaseBy = (place: string) => (job: Job): string => {
  if (['verifying', 'verified', 'committed', 'rolling-back', 'rolled-back'].includes(job.phase)) return 'verifying';
  if (['preparing', 'prepared', 'applying', 'applied'].includes(job.phase)) return place;
  return 'downloading';
};

/** The toolkit step: the CUDA version and the mode (user mode: no administrator rights, a transaction). */
export interface ToolkitChoice {
  version: string;
  mode: 'user' | 'system';
}

export const cudaInstallGoal: GoalSpec<ToolkitChoice, CudaInstallPlan, CudaInstallInput> = {
  goal: 'cuda-install',
  initialChoice: () => ({ version: '', mode: 'user' }),
  inputOf: (c) => ({ version: c.version, mode: c.mode }),
  choiceProblem: (c) => (/^\d+\.\d+(\.\d+)?$/.test(c.version) ? null : 'no-version'),
  phases: ['downloading', 'installing', 'verifying'],
  phaseOf: phaseBy('installing'),
  progress: (job) => weightedProgress(job, true),
  plan: (api, input) => api.planCudaInstall(input),
  start: (api, input) => api.startApply({ ...input, goal: 'cuda-install' }),
};

/** The cuDNN step: the toolkit folder and the cuDNN version NVIDIA's manifest names. */
export interface CudnnChoice {
  toolkit: string;
  version: string;
}

export const cudnnOverlayGoal: GoalSpec<CudnnChoice, CudnnOverlayPlan, CudnnOverlayInput> = {
  goal: 'cudnn-overlay',
  initialChoice: () => ({ toolkit: '', version: '' }),
  inputOf: (c) => ({ toolkit: c.toolkit.trim(), version: c.version }),
  choiceProblem: (c) => (c.toolkit.trim() === '' ? 'no-toolkit' : c.version === '' ? 'no-version' : null),
  phases: ['downloading', 'overlaying', 'verifying'],
  phaseOf: phaseBy('overlaying'),
  progress: (job) => weightedProgress(job, job.downloads.length > 0),
  plan: (api, input) => api.planCudnnOverlay(input),
  start: (api, input) => api.startApply({ ...input, goal: 'cudnn-overlay' }),
};

/** The path's DLL swap: the dll-swap goal as it is, with the workload timed before and after (the verify step). */
export const pathSwapGoal: GoalSpec<SourceChoice, DllSwapPlan, DllSwapInput> = {
  ...dllSwapGoal,
  inputOf: (c) => ({ ...swapInputOf(c), measure: true }),
};

export const cudaInstallMachine = wizardMachine(cudaInstallGoal);
export const cudnnOverlayMachine = wizardMachine(cudnnOverlayGoal);
export const pathSwapMachine = wizardMachine(pathSwapGoal);

export type ToolkitState = WizardState<ToolkitChoice, CudaInstallPlan>;
export type CudnnState = WizardState<CudnnChoice, CudnnOverlayPlan>;
export type PathSwapState = WizardState<SourceChoice, DllSwapPlan>;

/** A path step's goal choice, from the path plan (its version, toolkit folder, cuDNN version, install). */
export function choiceFor(plan: CudaPathPlan, step: 'toolkit'): ToolkitChoice;
export function choiceFor(plan: CudaPathPlan, step: 'cudnn'): CudnnChoice;
export function choiceFor(plan: CudaPathPlan, step: 'dll-swap'): SourceChoice;
export function choiceFor(plan: CudaPathPlan, step: PathGoalStep): ToolkitChoice | CudnnChoice | SourceChoice {
  const dir = plan.steps.find((s) => s.id === step)?.path ?? '';
  if (step === 'toolkit') return { version: plan.targetCuda, mode: 'user' };
  if (step === 'cudnn') return { toolkit: dir, version: plan.cudnn ?? '' };
  return { app: plan.app, cudaDir: dir, cudnnDir: dir };
}

/** The step the user should do next: the first goal step still to do, else verify (once the swap is done), or null. */
export function nextStep(plan: CudaPathPlan, done: ReadonlySet<PathGoalStep>): PathScreenStep | null {
  if (plan.route !== 'dll-swap') return null;
  const todo = PATH_GOAL_STEPS.find((id) => !done.has(id) && plan.steps.find((s) => s.id === id)?.state === 'todo');
  if (todo) return todo;
  return done.has('dll-swap') ? 'verify' : null;
}

/** The state a step shows in the overview: the plan's, or done once its transaction committed in this session. */
export function stepStatus(step: CudaPathStep, done: ReadonlySet<PathGoalStep>): CudaPathStep['state'] | 'committed' {
  return (PATH_GOAL_STEPS as readonly string[]).includes(step.id) && done.has(step.id as PathGoalStep) ? 'committed' : step.state;
}
