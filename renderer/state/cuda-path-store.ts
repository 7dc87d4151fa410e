import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ApiError } from '../../shared/api/result.js';
import type { CudaInstallPlan, CudaPathPlan, CudnnOverlayPlan } from '../../shared/schemas/cuda.js';
import type { DllSwapPlan, Job } from '../../shared/schemas/tx.js';
import {
  choiceFor, cudaInstallMachine, cudnnOverlayMachine, nextStep, pathSwapMachine,
  type CudnnChoice, type PathGoalStep, type PathScreenStep, type ToolkitChoice,
} from '../../shared/wizard/cuda-path.js';
import type { SourceChoice } from '../../shared/wizard/dll-swap.js';
import { getApi } from '../api/client.js';
import { langStore } from './stores.js';
import { refreshAfterChange, type ReattachWizard } from './tx-stores.js';
import { createWizardStore, type WizardStore } from './tx-wizard-store.js';

const lang = (): ReturnType<typeof langStore.getState>['lang'] => langStore.getState().lang;

/** One wizard store per path step, each a goal on the one wizard machine (its own transaction). */
export const toolkitStore = createWizardStore(cudaInstallMachine, { api: getApi, lang, onChanged: refreshAfterChange });
export const cudnnStore = createWizardStore(cudnnOverlayMachine, { api: getApi, lang, onChanged: refreshAfterChange });
export const pathSwapStore = createWizardStore(pathSwapMachine, { api: getApi, lang, onChanged: refreshAfterChange });

export const useToolkitStep = <T,>(select: (s: WizardStore<ToolkitChoice, CudaInstallPlan>) => T): T => useStore(toolkitStore, select);
export const useCudnnStep = <T,>(select: (s: WizardStore<CudnnChoice, CudnnOverlayPlan>) => T): T => useStore(cudnnStore, select);
export const usePathSwapStep = <T,>(select: (s: WizardStore<SourceChoice, DllSwapPlan>) => T): T => useStore(pathSwapStore, select);

/** The path plan as the overview shows it. */
export type PathPlanView = { kind: 'none' } | { kind: 'loading' } | { kind: 'ready'; plan: CudaPathPlan } | { kind: 'failed'; error: ApiError };

/** The guided path: the install, the CUDA version asked for, the plan of every step, the step shown, what committed. */
export interface CudaPathState {
  app: string;
  /** '' = the newest CUDA 12 the driver runs. */
  version: string;
  plan: PathPlanView;
  current: PathScreenStep;
  /** Steps whose transaction committed in this session, with its job (the verify step shows the swap's timing). */
  done: Partial<Record<PathGoalStep, Job>>;
  open(app: string): void;
  setApp(app: string): void;
  setVersion(version: string): void;
  /** Plans the whole path (planCudaPath), changing nothing. */
  load(): Promise<void>;
  /** Shows one step: opens its goal's wizard with the choice the path plan gives and plans it (its review). */
  go(step: PathScreenStep): Promise<void>;
  /** After a step's job committed: remembers it, plans the path again (skips show what is now done), goes on. */
  advance(step: PathGoalStep, job: Job): Promise<void>;
}

const stores = { toolkit: toolkitStore, cudnn: cudnnStore, 'dll-swap': pathSwapStore } as const;

/** The path's own store (the steps' wizards live in the stores above). */
export const cudaPathStore = createStore<CudaPathState>()((set, get) => {
  let generation = 0;
  const load = async (): Promise<void> => {
    const { app, version } = get();
    if (app.trim() === '') return;
    const mine = ++generation;
    set({ plan: { kind: 'loading' } });
    const result = await getApi().planCudaPath({ app: app.trim(), ...(version ? { version } : {}), lang: lang() });
    if (mine !== generation) return;
    set({ plan: result.ok ? { kind: 'ready', plan: result.value } : { kind: 'failed', error: result.error } });
  };
  return {
    app: '',
    version: '',
    plan: { kind: 'none' },
    current: 'overview',
    done: {},
    open(app) {
      if (app === get().app && get().plan.kind === 'ready') return set({ current: 'overview' });
      set({ app, plan: { kind: 'none' }, current: 'overview', done: {} });
      if (app) void load();
    },
    setApp: (app) => set({ app, plan: { kind: 'none' }, done: {} }),
    setVersion: (version) => set({ version, plan: { kind: 'none' } }),
    load,
    async go(step) {
      set({ current: step });
      const view = get().plan;
      if (step === 'overview' || step === 'verify' || view.kind !== 'ready') return;
      if (step === 'toolkit') {
        toolkitStore.getState().open(view.plan.app, choiceFor(view.plan, 'toolkit'));
        await toolkitStore.getState().plan();
      } else if (step === 'cudnn') {
        cudnnStore.getState().open(view.plan.app, choiceFor(view.plan, 'cudnn'));
        await cudnnStore.getState().plan();
      } else {
        pathSwapStore.getState().open(view.plan.app, choiceFor(view.plan, 'dll-swap'));
        await pathSwapStore.getState().plan();
      }
    },
    async advance(step, job) {
      set({ done: { ...get().done, [step]: job } });
      await load();
      const view = get().plan;
      const next = view.kind === 'ready' ? nextStep(view.plan, new Set(Object.keys(get().done) as PathGoalStep[])) : null;
      await get().go(next ?? 'overview');
    },
  };
});

/** The wizard store of a goal step. */
export const storeOf = (step: PathGoalStep): (typeof stores)[PathGoalStep] => stores[step];

export const useCudaPath = <T,>(select: (s: CudaPathState) => T): T => useStore(cudaPathStore, select);

/** The path's goal wizards for reattachRunningJobs: a toolkit or cuDNN job still running after a reload shows its step. */
export const pathWizards = (): ReattachWizard[] => [
  ['cuda-path', toolkitStore.getState(), () => cudaPathStore.setState({ current: 'toolkit' })],
  ['cuda-path', cudnnStore.getState(), () => cudaPathStore.setState({ current: 'cudnn' })],
];
