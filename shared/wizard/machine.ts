import type { Lang, TorchliftApi } from '../api/contract.js';
import type { ApiError, ApiResult } from '../api/result.js';
import type { Job, Refusal, RollbackResult } from '../schemas/tx.js';

/*
 * The one wizard every goal uses (dll-swap, torch-upgrade, later the CUDA goals), as an explicit state machine.
 * Pure: the renderer store calls the API and feeds the answers back in as events; `transition` decides what the
 * screen shows next. A goal parameterises it with its choice type C (what the user picks), its plan type P, and
 * the phases its running job goes through (GoalSpec).
 *
 *   open ──▶ Choose ◀─────────────── back (Review) / restart (Review, Result) ───────┐
 *    preview/previewed (goals that list targets first: the plan of the default choice) │
 *             │  ▲  edit                                                            │
 *        plan │  │ plan-failed                                                      │
 *             ▼  │             (plan when the preview already fits: straight on)     │
 *           Planning ──planned──▶ Review ◀──apply-failed──┐                         │
 *                                   │                     │                         │
 *                             apply ▼                     │                         │
 *   attach (a running job ──▶   Running ──────────────────┘                         │
 *   found after a reload)    phases: goal.phases (downloading → installing → verifying, …)
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
  Running: 'running',
  Result: 'result',
  RollingBack: 'rolling-back',
} as const;
export type StateType = (typeof StateType)[keyof typeof StateType];

/** The least a goal's plan must say: whether it may run ('ready'; anything else — refused, already installed — may not). */
export interface PlanLike {
  status: string;
}

/** What a goal tells the wizard: its choice, how a choice becomes API input, its phases and progress. */
export interface GoalSpec<C, P extends PlanLike, I> {
  goal: string;
  /** The choice for one install before the user picked anything else. */
  initialChoice(app: string): C;
  /** The API input (planX and startApply) for a choice. */
  inputOf(choice: C): I;
  /** Why a choice cannot be planned yet (a code the UI words), or null when it can. */
  choiceProblem(choice: C): string | null;
  /** The phases a running job goes through, in order (each a step the user sees). */
  phases: readonly string[];
  /** Which of `phases` a running job is in. */
  phaseOf(job: Job): string;
  /** How far a running job is, 0…1 (1 once it finished). */
  progress(job: Job): number;
  /**
   * Goals that list their targets before the review (torch-upgrade) plan the default choice as a preview: the input
   * of that preview plan (equal inputs: the same preview), or null while the choice cannot be previewed.
   */
  previewOf?(choice: C): I | null;
  /** True when a preview plan is already the plan of `choice` (planning again would give the same answer). */
  previewFits?(choice: C, plan: P): boolean;
  /** How to plan: the goal's plan call. */
  plan(api: TorchliftApi, input: I & { lang?: Lang }): Promise<ApiResult<P>>;
  /** How to start: startApply with the goal's name. */
  start(api: TorchliftApi, input: I & { lang?: Lang }): Promise<ApiResult<Job>>;
}

/** What a manual rollback from the result step did (none yet, done, refused, or the call failed). */
export type RollbackView =
  | { kind: 'none' }
  | { kind: 'done'; files: number }
  | { kind: 'refused'; refusals: Refusal[] }
  | { kind: 'error'; error: ApiError };

/** The preview of a goal that lists targets before the review: none, asked for `key`, answered, or failed. */
export type Preview<P> =
  | { kind: 'none' }
  | { kind: 'loading'; key: string }
  | { kind: 'ready'; key: string; plan: P }
  | { kind: 'failed'; key: string; error: ApiError };

/** Picking what to do; `error` is the last plan's failure (or a choice problem, code only). */
export type Choose<C, P> = { type: typeof StateType.Choose; choice: C; error: ApiError | null; preview: Preview<P> };
/** Waiting for the plan. */
export type Planning<C, P> = { type: typeof StateType.Planning; choice: C; preview: Preview<P> };
/** What will change, refusals; `error` is a failed startApply. */
export type Review<C, P> = { type: typeof StateType.Review; choice: C; plan: P; error: ApiError | null };
/**
 * The job runs; `job` is null until startApply answers; `pollError` is the last failed getJob. `plan` is null when
 * the wizard reattached to a job found after a reload (the job itself then says what runs).
 */
export type Running<C, P> = { type: typeof StateType.Running; choice: C; plan: P | null; job: Job | null; pollError: ApiError | null };
/** The job finished (committed, rolled back, refused or failed). */
export type Result<C, P> = { type: typeof StateType.Result; choice: C; plan: P | null; job: Job; rollback: RollbackView };
/** A manual rollback of the committed transaction is running. */
export type RollingBack<C, P> = { type: typeof StateType.RollingBack; choice: C; plan: P | null; job: Job };

/** Any wizard state. */
export type WizardState<C, P> = Choose<C, P> | Planning<C, P> | Review<C, P> | Running<C, P> | Result<C, P> | RollingBack<C, P>;

const NO_PREVIEW = { kind: 'none' } as const;

/** Factories for each state (the union's companion object). */
export const WizardState = {
  Choose: <C, P>(choice: C, error: ApiError | null = null, preview: Preview<P> = NO_PREVIEW): Choose<C, P> => ({ type: StateType.Choose, choice, error, preview }),
  Planning: <C, P>(choice: C, preview: Preview<P> = NO_PREVIEW): Planning<C, P> => ({ type: StateType.Planning, choice, preview }),
  Review: <C, P>(choice: C, plan: P, error: ApiError | null = null): Review<C, P> => ({ type: StateType.Review, choice, plan, error }),
  Running: <C, P>(choice: C, plan: P | null, job: Job | null = null, pollError: ApiError | null = null): Running<C, P> =>
    ({ type: StateType.Running, choice, plan, job, pollError }),
  Result: <C, P>(choice: C, plan: P | null, job: Job, rollback: RollbackView = { kind: 'none' }): Result<C, P> =>
    ({ type: StateType.Result, choice, plan, job, rollback }),
  RollingBack: <C, P>(choice: C, plan: P | null, job: Job): RollingBack<C, P> => ({ type: StateType.RollingBack, choice, plan, job }),
};

/** Everything that can happen to the wizard: user actions and API answers. */
export type WizardEvent<C, P> =
  | { type: 'open'; app: string; choice?: Partial<C> }
  | { type: 'edit'; choice: Partial<C> }
  | { type: 'preview'; key: string }
  | { type: 'previewed'; key: string; plan: P }
  | { type: 'preview-failed'; key: string; error: ApiError }
  | { type: 'plan' }
  | { type: 'planned'; plan: P }
  | { type: 'plan-failed'; error: ApiError }
  | { type: 'back' }
  | { type: 'apply' }
  | { type: 'apply-failed'; error: ApiError }
  | { type: 'attach'; job: Job }
  | { type: 'job'; job: Job }
  | { type: 'poll-failed'; error: ApiError }
  | { type: 'rollback' }
  | { type: 'rolled-back'; result: RollbackResult }
  | { type: 'rollback-failed'; error: ApiError }
  | { type: 'restart' };

/** True once the job (or a refusal) has finished. */
export const jobFinished = (job: Job): boolean => job.status !== 'running';

/** True while files may be changing (a job or a rollback runs): the wizard cannot be re-opened then. */
export const busy = <C, P>(s: WizardState<C, P>): boolean => s.type === StateType.Running || s.type === StateType.RollingBack;

/** True when the result step may offer "Roll back": the job committed and was not rolled back yet. */
export const canRollBack = <C, P>(s: WizardState<C, P>): boolean =>
  s.type === StateType.Result && s.job.status === 'committed' && s.job.txId !== null && s.rollback.kind !== 'done';

/** The steps the user sees, in order: choose, review, each running phase of the goal, result. */
export const stepsOf = (spec: { phases: readonly string[] }): string[] => ['choose', 'review', ...spec.phases, 'result'];

/** Which of stepsOf(spec) a state is on (a running job: the phase it is in). */
export function stepOf<C, P>(spec: Pick<GoalSpec<C, PlanLike, unknown>, 'phases' | 'phaseOf'>, s: WizardState<C, P>): string {
  switch (s.type) {
    case StateType.Choose:
    case StateType.Planning:
      return 'choose';
    case StateType.Review:
      return 'review';
    case StateType.Running:
      return s.job ? spec.phaseOf(s.job) : (spec.phases[0] ?? 'result');
    case StateType.Result:
    case StateType.RollingBack:
      return 'result';
  }
}

/** The key of a choice's preview (its input as JSON), or null for goals or choices without one. */
export function previewKeyOf<C, I>(spec: { previewOf?(choice: C): I | null }, choice: C): string | null {
  const input = spec.previewOf?.(choice) ?? null;
  return input === null ? null : JSON.stringify(input);
}

/** The machine of one goal: its first state and its transition function. */
export interface WizardMachine<C, P extends PlanLike, I> {
  spec: GoalSpec<C, P, I>;
  initial(app?: string): Choose<C, P>;
  transition(state: WizardState<C, P>, event: WizardEvent<C, P>): WizardState<C, P>;
}

/** Builds the wizard machine of one goal. */
export function wizardMachine<C, P extends PlanLike, I>(spec: GoalSpec<C, P, I>): WizardMachine<C, P, I> {
  const initial = (app = ''): Choose<C, P> => WizardState.Choose(spec.initialChoice(app));
  const keyOf = (choice: C): string | null => previewKeyOf(spec, choice);
  /** The preview kept after an edit: the same one while its key still holds, else none (the store asks again). */
  const keptPreview = (preview: Preview<P>, choice: C): Preview<P> =>
    preview.kind !== 'none' && preview.key === keyOf(choice) ? preview : NO_PREVIEW;

  function transition(state: WizardState<C, P>, event: WizardEvent<C, P>): WizardState<C, P> {
    switch (event.type) {
      case 'open':
        return busy(state) ? state : WizardState.Choose({ ...spec.initialChoice(event.app), ...event.choice });
      case 'restart':
        return state.type === StateType.Review || state.type === StateType.Result || state.type === StateType.Choose
          ? WizardState.Choose(state.choice)
          : state;
      case 'edit': {
        if (state.type !== StateType.Choose) return state;
        const choice = { ...state.choice, ...event.choice };
        return WizardState.Choose(choice, null, keptPreview(state.preview, choice));
      }
      case 'preview':
        return state.type === StateType.Choose && event.key === keyOf(state.choice) && state.preview.kind === 'none'
          ? WizardState.Choose(state.choice, state.error, { kind: 'loading', key: event.key })
          : state;
      case 'previewed':
      case 'preview-failed': {
        if (state.type !== StateType.Choose && state.type !== StateType.Planning) return state;
        if (state.preview.kind !== 'loading' || state.preview.key !== event.key) return state;
        const preview: Preview<P> = event.type === 'previewed'
          ? { kind: 'ready', key: event.key, plan: event.plan }
          : { kind: 'failed', key: event.key, error: event.error };
        return state.type === StateType.Choose ? WizardState.Choose(state.choice, state.error, preview) : WizardState.Planning(state.choice, preview);
      }
      case 'plan': {
        if (state.type !== StateType.Choose) return state;
        const problem = spec.choiceProblem(state.choice);
        if (problem) return WizardState.Choose(state.choice, { code: problem, message: '' }, state.preview);
        const { preview } = state;
        if (preview.kind === 'ready' && preview.key === keyOf(state.choice) && spec.previewFits?.(state.choice, preview.plan)) {
          return WizardState.Review(state.choice, preview.plan);
        }
        return WizardState.Planning(state.choice, state.preview);
      }
      case 'planned':
        return state.type === StateType.Planning ? WizardState.Review(state.choice, event.plan) : state;
      case 'plan-failed':
        return state.type === StateType.Planning ? WizardState.Choose(state.choice, event.error, state.preview) : state;
      case 'back':
        return state.type === StateType.Review ? WizardState.Choose(state.choice) : state;
      case 'apply':
        return state.type === StateType.Review && state.plan.status === 'ready' ? WizardState.Running(state.choice, state.plan) : state;
      case 'apply-failed':
        return state.type === StateType.Running && state.job === null && state.plan !== null ? WizardState.Review(state.choice, state.plan, event.error) : state;
      case 'attach':
        // A job found running after a reload: show it, unless this wizard is busy with its own.
        if (busy(state) || event.job.goal !== spec.goal || jobFinished(event.job)) return state;
        return WizardState.Running(spec.initialChoice(event.job.app ?? ''), null, event.job);
      case 'job':
        if (state.type !== StateType.Running || (state.job !== null && state.job.id !== event.job.id)) return state;
        return jobFinished(event.job)
          ? WizardState.Result(state.choice, state.plan, event.job)
          : WizardState.Running(state.choice, state.plan, event.job);
      case 'poll-failed':
        return state.type === StateType.Running ? WizardState.Running(state.choice, state.plan, state.job, event.error) : state;
      case 'rollback':
        return state.type === StateType.Result && canRollBack(state) ? WizardState.RollingBack(state.choice, state.plan, state.job) : state;
      case 'rolled-back':
        if (state.type !== StateType.RollingBack) return state;
        return WizardState.Result(state.choice, state.plan, state.job, event.result.kind === 'rolled-back'
          ? { kind: 'done', files: event.result.files }
          : { kind: 'refused', refusals: event.result.refusals });
      case 'rollback-failed':
        return state.type === StateType.RollingBack ? WizardState.Result(state.choice, state.plan, state.job, { kind: 'error', error: event.error }) : state;
    }
  }

  return { spec, initial, transition };
}
