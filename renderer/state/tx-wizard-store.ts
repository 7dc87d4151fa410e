import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, TorchliftApi } from '../../shared/api/contract.js';
import { busy, initialWizardState, inputOf, StateType, transition, type SourceChoice, type WizardEvent, type WizardState } from '../../shared/wizard/dll-swap.js';

/** The wizard's current state and the user's actions; the API calls live here, the rules in shared/wizard. */
export interface WizardStore {
  state: WizardState;
  /** Starts over for one install (ignored while a swap or rollback runs). */
  open(app: string): void;
  edit(source: Partial<SourceChoice>): void;
  plan(): Promise<void>;
  back(): void;
  /** Starts the swap and polls getJob until it finishes. */
  apply(): Promise<void>;
  rollback(): Promise<void>;
  restart(): void;
}

/** How often a running job is polled. */
export const POLL_MS = 300;

/** Makes the wizard store; `lang` is the UI language the engine words its texts in (English when left out); `sleep` exists for tests. */
export function createWizardStore(deps: { api: () => TorchliftApi; lang?: () => Lang; pollMs?: number; sleep?: (ms: number) => Promise<void> }): StoreApi<WizardStore> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const lang = (): { lang?: Lang } => (deps.lang ? { lang: deps.lang() } : {});
  // A newer plan request makes an older answer stale even when it lands in the same state type.
  let planGeneration = 0;
  return createStore<WizardStore>()((set, get) => {
    const send = (event: WizardEvent): WizardState => {
      const next = transition(get().state, event);
      if (next !== get().state) set({ state: next });
      return next;
    };
    const poll = async (id: string): Promise<void> => {
      while (get().state.type === StateType.Applying) {
        await sleep(deps.pollMs ?? POLL_MS);
        const result = await deps.api().getJob({ id, ...lang() });
        send(result.ok ? { type: 'job', job: result.value } : { type: 'poll-failed', error: result.error });
      }
    };
    return {
      state: initialWizardState(),
      open: (app) => {
        if (!busy(get().state)) planGeneration++;
        send({ type: 'open', app });
      },
      edit: (source) => void send({ type: 'edit', source }),
      async plan() {
        const state = send({ type: 'plan' });
        if (state.type !== StateType.Planning) return;
        const mine = ++planGeneration;
        const result = await deps.api().planDllSwap({ ...inputOf(state.source), ...lang() });
        if (mine !== planGeneration) return;
        send(result.ok ? { type: 'planned', plan: result.value } : { type: 'plan-failed', error: result.error });
      },
      back: () => void send({ type: 'back' }),
      async apply() {
        const state = send({ type: 'apply' });
        if (state.type !== StateType.Applying) return;
        const started = await deps.api().startApply({ ...inputOf(state.source), goal: 'dll-swap', ...lang() });
        if (!started.ok) return void send({ type: 'apply-failed', error: started.error });
        send({ type: 'job', job: started.value });
        await poll(started.value.id);
      },
      async rollback() {
        const state = send({ type: 'rollback' });
        if (state.type !== StateType.RollingBack || state.job.txId === null) return;
        const result = await deps.api().rollback({ id: state.job.txId, ...lang() });
        send(result.ok ? { type: 'rolled-back', result: result.value } : { type: 'rollback-failed', error: result.error });
      },
      restart: () => {
        planGeneration++;
        send({ type: 'restart' });
      },
    };
  });
}
