import type { ApiError } from '../api/result.js';
import type { DllSwapInput, DllSwapPlan, Job, Refusal, RollbackResult } from '../schemas/tx.js';

/*
 * The DLL-swap wizard (issue 4) as an explicit state machine. Pure: the renderer store calls the API and
 * feeds the answers back in as events; `transition` decides what the screen shows next.
 *
 *   open ──▶ Choose ◀─────────────── back (Review) / restart (Review, Result) ───────┐
 *             │  ▲  edit                                                            │
 *        plan │  │ plan-failed                                                      │
 *             ▼  │                                                                  │
 *           Planning ──planned──▶ Review ◀──apply-failed──┐                         │
 *                                   │                     │                         │
 *                             apply ▼                     │                         │
 *                                Applying ────────────────┘                         │
 *                                   │  ▲ job (still running), poll-failed           │
 *                    job (finished) ▼  │                                            │
 *                                 Result ───────────────────────────────────────────┘
 *                                   │  ▲
 *              rollback (committed) ▼  │ rolled-back / rollback-failed
 *                               RollingBack
 *
 * Events that do not fit the current state are ignored (the same state object comes back), so a late
 * answer from an abandoned request can never move the wizard.
 */

/** The wizard's states, as strings. */
export const StateType = {
  Choose: 'choose',
  Planning: 'planning',
  Review: 'review',
  Applying: 'applying',
  Result: 'result',
  RollingBack: 'rolling-back',
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];

/** What the user picked: the install and the folders the new files come from ('' = not used). */
export interface SourceChoice {
  app: string;
  cudaDir: string;
  cudnnDir: string;
}

/** What a manual rollback from the result step did (none yet, done, refused, or the call failed). */
export type RollbackView =
  | { kind: 'none' }
  | { kind: 'done'; files: number }
  | { kind: 'refused'; refusals: Refusal[] }
  | { kind: 'error'; error: ApiError };

/** Picking the install and the toolkit / cuDNN folders; `error` is the last plan's failure. */
export type Choose = { type: typeof StateType.Choose; source: SourceChoice; error: ApiError | null };
/** Waiting for planDllSwap. */
export type Planning = { type: typeof StateType.Planning; source: SourceChoice };
/** Every file, sizes, space and refusals; `error` is a failed startApply. */
export type Review = { type: typeof StateType.Review; source: SourceChoice; plan: DllSwapPlan; error: ApiError | null };
/** The job runs; `job` is null until startApply answers; `pollError` is the last failed getJob. */
export type Applying = { type: typeof StateType.Applying; source: SourceChoice; plan: DllSwapPlan; job: Job | null; pollError: ApiError | null };
/** The job finished (committed, rolled back, refused or failed). */
export type Result = { type: typeof StateType.Result; source: SourceChoice; plan: DllSwapPlan; job: Job; rollback: RollbackView };
/** A manual rollback of the committed transaction is running. */
export type RollingBack = { type: typeof StateType.RollingBack; source: SourceChoice; plan: DllSwapPlan; job: Job };

/** Any wizard state. */
export type WizardState = Choose | Planning | Review | Applying | Result | RollingBack;

/** Factories for each state (the union's companion object). */
export const WizardState = {
  Choose: (source: SourceChoice, error: ApiError | null = null): Choose => ({ type: StateType.Choose, source, error }),
  Planning: (source: SourceChoice): Planning => ({ type: StateType.Planning, source }),
  Review: (source: SourceChoice, plan: DllSwapPlan, error: ApiError | null = null): Review => ({ type: StateType.Review, source, plan, error }),
  Applying: (source: SourceChoice, plan: DllSwapPlan, job: Job | null = null, pollError: ApiError | null = null): Applying =>
    ({ type: StateType.Applying, source, plan, job, pollError }),
  Result: (source: SourceChoice, plan: DllSwapPlan, job: Job, rollback: RollbackView = { kind: 'none' }): Result =>
    ({ type: StateType.Result, source, plan, job, rollback }),
  RollingBack: (source: SourceChoice, plan: DllSwapPlan, job: Job): RollingBack => ({ type: StateType.RollingBack, source, plan, job }),
};

/** Everything that can happen to the wizard: user actions and API answers. */
export type WizardEvent =
  | { type: 'open'; app: string }
  | { type: 'edit'; source: Partial<SourceChoice> }
  | { type: 'plan' }
  | { type: 'planned'; plan: DllSwapPlan }
  | { type: 'plan-failed'; error: ApiError }
  | { type: 'back' }
  | { type: 'apply' }
  | { type: 'apply-failed'; error: ApiError }
  | { type: 'job'; job: Job }
  | { type: 'poll-failed'; error: ApiError }
  | { type: 'rollback' }
  | { type: 'rolled-back'; result: RollbackResult }
  | { type: 'rollback-failed'; error: ApiError }
  | { type: 'restart' };

/** The wizard before anything was picked. */
export const initialWizardState = (app = ''): Choose => WizardState.Choose({ app, cudaDir: '', cudnnDir: '' });

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

/** True once the job (or a refusal) has finished. */
export const jobFinished = (job: Job): boolean => job.status !== 'running';

/** True when the result step may offer "Roll back": the swap committed and was not rolled back yet. */
export const canRollBack = (s: WizardState): boolean =>
  s.type === StateType.Result && s.job.status === 'committed' && s.job.txId !== null && s.rollback.kind !== 'done';

/** The next state; events that do not apply to `state` return it unchanged. */
export function transition(state: WizardState, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'open':
      return busy(state) ? state : initialWizardState(event.app);
    case 'restart':
      return state.type === StateType.Review || state.type === StateType.Result || state.type === StateType.Choose
        ? WizardState.Choose(state.source)
        : state;
    case 'edit':
      return state.type === StateType.Choose ? WizardState.Choose({ ...state.source, ...event.source }, null) : state;
    case 'plan': {
      if (state.type !== StateType.Choose) return state;
      const problem = choiceProblem(state.source);
      return problem ? WizardState.Choose(state.source, { code: problem, message: '' }) : WizardState.Planning(state.source);
    }
    case 'planned':
      return state.type === StateType.Planning ? WizardState.Review(state.source, event.plan) : state;
    case 'plan-failed':
      return state.type === StateType.Planning ? WizardState.Choose(state.source, event.error) : state;
    case 'back':
      return state.type === StateType.Review ? WizardState.Choose(state.source) : state;
    case 'apply':
      return state.type === StateType.Review && state.plan.status === 'ready' ? WizardState.Applying(state.source, state.plan) : state;
    case 'apply-failed':
      return state.type === StateType.Applying && state.job === null ? WizardState.Review(state.source, state.plan, event.error) : state;
    case 'job':
      if (state.type !== StateType.Applying || (state.job !== null && state.job.id !== event.job.id)) return state;
      return jobFinished(event.job) ? WizardState.Result(state.source, state.plan, event.job) : WizardState.Applying(state.source, state.plan, event.job);
    case 'poll-failed':
      return state.type === StateType.Applying ? WizardState.Applying(state.source, state.plan, state.job, event.error) : state;
    case 'rollback':
      return canRollBack(state) && state.type === StateType.Result ? WizardState.RollingBack(state.source, state.plan, state.job) : state;
    case 'rolled-back':
      if (state.type !== StateType.RollingBack) return state;
      return WizardState.Result(state.source, state.plan, state.job, event.result.kind === 'rolled-back'
        ? { kind: 'done', files: event.result.files }
        : { kind: 'refused', refusals: event.result.refusals });
    case 'rollback-failed':
      return state.type === StateType.RollingBack ? WizardState.Result(state.source, state.plan, state.job, { kind: 'error', error: event.error }) : state;
  }
}

/** True while files may be changing (a job or a rollback runs): the wizard cannot be re-opened then. */
export const busy = (s: WizardState): boolean => s.type === StateType.Applying || s.type === StateType.RollingBack;

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
