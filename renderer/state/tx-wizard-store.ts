import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, TorchliftApi } from '../../shared/api/contract.js';
import type { Job } from '../../shared/schemas/tx.js';
import { busy, previewKeyOf, StateType, type PlanLike, type WizardEvent, type WizardMachine, type WizardState } from '../../shared/wizard/machine.js';

/** One goal's wizard: its current state and the user's actions; the API calls live here, the rules in shared/wizard. */
export interface WizardStore<C, P> {
  state: WizardState<C, P>;
  /** Starts over for one install, optionally with part of the choice preset (ignored while a job or rollback runs). */
  open(app: string, choice?: Partial<C>): void;
  edit(choice: Partial<C>): void;
  /** Goals that list targets first: plans the default choice, unless that preview is already there or on its way. */
  preview(): Promise<void>;
  plan(): Promise<void>;
  back(): void;
  /** Starts the job and polls getJob until it finishes. */
  apply(): Promise<void>;
  /** Takes up a running job of this goal found with listJobs (after a reload); true when it did. */
  attach(jobs: readonly Job[]): Promise<boolean>;
  rollback(): Promise<void>;
  restart(): void;
}

/** How often a running job is polled. */
export const POLL_MS = 300;

/** What a wizard store needs; `onChanged` is told after anything that changed files (to refresh Scan and History). */
export interface WizardDeps {
  api: () => TorchliftApi;
  /** The UI language the engine words its texts in (English when left out). */
  lang?: () => Lang;
  onChanged?: () => void;
  pollMs?: number;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** True when a finished job may have changed files (anything but a refusal, which touches nothing). */
const changedFiles = (job: Job): boolean => job.status !== 'running' && job.status !== 'refused';

/** Makes the wizard store of one goal. */
export function createWizardStore<C, P extends PlanLike, I>(machine: WizardMachine<C, P, I>, deps: WizardDeps): StoreApi<WizardStore<C, P>> {
  const { spec } = machine;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const lang = (): { lang?: Lang } => (deps.lang ? { lang: deps.lang() } : {});
  // A newer plan request makes an older answer stale even when it lands in the same state type.
  let planGeneration = 0;
  return createStore<WizardStore<C, P>>()((set, get) => {
    const send = (event: WizardEvent<C, P>): WizardState<C, P> => {
      const next = machine.transition(get().state, event);
      if (next !== get().state) set({ state: next });
      return next;
    };
    const poll = async (id: string): Promise<void> => {
      while (get().state.type === StateType.Running) {
        await sleep(deps.pollMs ?? POLL_MS);
        const result = await deps.api().getJob({ id, ...lang() });
        const next = send(result.ok ? { type: 'job', job: result.value } : { type: 'poll-failed', error: result.error });
        if (next.type === StateType.Result && changedFiles(next.job)) deps.onChanged?.();
      }
    };
    /** After a job answered: poll it while it runs, or report a change when it already ended. */
    const follow = async (job: Job): Promise<void> => {
      const next = get().state;
      if (next.type === StateType.Running) await poll(job.id);
      else if (next.type === StateType.Result && changedFiles(next.job)) deps.onChanged?.();
    };
    return {
      state: machine.initial(),
      open: (app, choice) => {
        if (!busy(get().state)) planGeneration++;
        send({ type: 'open', app, ...(choice ? { choice } : {}) });
      },
      edit: (choice) => void send({ type: 'edit', choice }),
      async preview() {
        const s = get().state;
        const input = s.type === StateType.Choose ? spec.previewOf?.(s.choice) ?? null : null;
        if (input === null || s.type !== StateType.Choose) return;
        const key = previewKeyOf(spec, s.choice) ?? '';
        if (send({ type: 'preview', key }) === s) return;
        const result = await spec.plan(deps.api(), { ...input, ...lang() });
        send(result.ok ? { type: 'previewed', key, plan: result.value } : { type: 'preview-failed', key, error: result.error });
      },
      async plan() {
        const state = send({ type: 'plan' });
        if (state.type !== StateType.Planning) return;
        const mine = ++planGeneration;
        const result = await spec.plan(deps.api(), { ...spec.inputOf(state.choice), ...lang() });
        if (mine !== planGeneration) return;
        send(result.ok ? { type: 'planned', plan: result.value } : { type: 'plan-failed', error: result.error });
      },
      back: () => void send({ type: 'back' }),
      async apply() {
        const state = send({ type: 'apply' });
        if (state.type !== StateType.Running) return;
        const started = await spec.start(deps.api(), { ...spec.inputOf(state.choice), ...lang() });
        if (!started.ok) return void send({ type: 'apply-failed', error: started.error });
        send({ type: 'job', job: started.value });
        await follow(started.value);
      },
      async attach(jobs) {
        const job = jobs.find((j) => j.goal === spec.goal && j.status === 'running');
        if (!job || send({ type: 'attach', job }).type !== StateType.Running) return false;
        planGeneration++;
        void follow(job);
        return true;
      },
      async rollback() {
        const state = send({ type: 'rollback' });
        if (state.type !== StateType.RollingBack || state.job.txId === null) return;
        const result = await deps.api().rollback({ id: state.job.txId, ...lang() });
        send(result.ok ? { type: 'rolled-back', result: result.value } : { type: 'rollback-failed', error: result.error });
        if (result.ok && result.value.kind === 'rolled-back') deps.onChanged?.();
      },
      restart: () => {
        planGeneration++;
        send({ type: 'restart' });
      },
    };
  });
}
