import { describe, expect, it } from 'vitest';
import type { CudaPathPlan, CudaPathStep } from '../schemas/cuda.js';
import type { Job } from '../schemas/tx.js';
import { choiceFor, cudaInstallGoal, cudaInstallMachine, cudnnOverlayGoal, nextStep, pathSwapGoal, stepStatus } from './cuda-path.js';
import { StateType, WizardState } from './machine.js';

// Issue 8 item 3: the guided path's goals on the one wizard machine, and the rules that join the steps.

const step = (id: CudaPathStep['id'], state: CudaPathStep['state'], dir: string | null = null): CudaPathStep => ({ id, state, title: id, detail: '', command: null, path: dir });
const TK = 'C:\\Users\\ユーザー\\AppData\\Local\\TorchLift\\CUDA\\v12.3';
const plan = (states: Partial<Record<CudaPathStep['id'], CudaPathStep['state']>> = {}, route: CudaPathPlan['route'] = 'dll-swap'): CudaPathPlan => ({
  goal: 'cuda-path', app: 'D:\\SD [A1111] & co', torch: { version: '2.1.2+cu121', cuda: '12.1' }, driver: { version: '546.33', maxCuda: '12.3' },
  targetCuda: '12.3', route, blocker: null, cudnn: '8.9.7',
  steps: [step('driver', 'done'), step('toolkit', states.toolkit ?? 'todo', TK), step('cudnn', states.cudnn ?? 'todo', TK), step('dll-swap', 'todo', TK), step('verify', 'todo')],
});
const job = (phase: string, extra: Partial<Job> = {}): Job => ({
  id: 'j', goal: 'cuda-install', status: 'running', phase, txId: null, files: [], app: null, downloads: [], verify: null, message: '', result: null, log: [], startedAt: '', finishedAt: null, ...extra,
});

describe('the CUDA path steps', () => {
  it('goes toolkit → cuDNN → DLL swap → verify, skipping what the plan found done', () => {
    expect(nextStep(plan(), new Set())).toBe('toolkit');
    expect(nextStep(plan(), new Set(['toolkit']))).toBe('cudnn');
    expect(nextStep(plan({ toolkit: 'skipped', cudnn: 'skipped' }), new Set())).toBe('dll-swap');
    expect(nextStep(plan({ toolkit: 'skipped', cudnn: 'skipped' }), new Set(['dll-swap']))).toBe('verify');
    // The torch-upgrade route and the driver stop never start a step of the path.
    expect(nextStep(plan({}, 'torch-upgrade'), new Set())).toBeNull();
    expect(nextStep(plan({}, 'blocked'), new Set())).toBeNull();
  });

  it('gives each step its goal choice from the plan: user-mode toolkit, cuDNN onto that toolkit, the swap from it', () => {
    expect(choiceFor(plan(), 'toolkit')).toEqual({ version: '12.3', mode: 'user' });
    expect(choiceFor(plan(), 'cudnn')).toEqual({ toolkit: TK, version: '8.9.7' });
    expect(choiceFor(plan(), 'dll-swap')).toEqual({ app: 'D:\\SD [A1111] & co', cudaDir: TK, cudnnDir: TK });
    // The path's swap always times the workload before and after (the verify step shows it).
    expect(pathSwapGoal.inputOf(choiceFor(plan(), 'dll-swap'))).toEqual({ app: 'D:\\SD [A1111] & co', cudaDir: TK, cudnnDir: TK, measure: true });
  });

  it('shows a step committed in this session as done now, others as the plan says', () => {
    expect(stepStatus(step('toolkit', 'todo'), new Set(['toolkit']))).toBe('committed');
    expect(stepStatus(step('cudnn', 'skipped'), new Set(['toolkit']))).toBe('skipped');
    expect(stepStatus(step('driver', 'done'), new Set(['toolkit']))).toBe('done');
  });

  it('maps a job to the phase the user sees and its progress', () => {
    expect(cudaInstallGoal.phaseOf(job('downloading'))).toBe('downloading');
    expect(cudaInstallGoal.phaseOf(job('applying'))).toBe('installing');
    expect(cudnnOverlayGoal.phaseOf(job('prepared'))).toBe('overlaying');
    expect(cudnnOverlayGoal.phaseOf(job('verifying'))).toBe('verifying');
    const half = job('downloading', { downloads: [{ name: 'a', url: 'u', bytes: 100, doneBytes: 50, speed: 1, etaSeconds: 1, state: 'downloading' }] });
    expect(cudaInstallGoal.progress(half)).toBeCloseTo(0.25);
    expect(cudaInstallGoal.progress(job('committed', { status: 'committed' }))).toBe(1);
    expect(cudaInstallGoal.choiceProblem({ version: '', mode: 'user' })).toBe('no-version');
  });

  it('runs on the one wizard machine: an already-installed toolkit plan cannot be applied', () => {
    const review = WizardState.Review({ version: '12.3', mode: 'user' as const }, { status: 'already-installed' } as never);
    expect(cudaInstallMachine.transition(review, { type: 'apply' })).toBe(review);
    const ready = WizardState.Review({ version: '12.3', mode: 'user' as const }, { status: 'ready' } as never);
    expect(cudaInstallMachine.transition(ready, { type: 'apply' }).type).toBe(StateType.Running);
  });
});
