import { describe, expect, it } from 'vitest';
import { API_CALLS } from '../../shared/api/calls.js';
import type { TorchliftApi } from '../../shared/api/contract.js';
import type { DllSwapPlan, Job } from '../../shared/schemas/tx.js';
import type { TorchUpgradePlan } from '../../shared/schemas/torch-upgrade.js';
import { dllSwapMachine } from '../../shared/wizard/dll-swap.js';
import { torchUpgradeMachine } from '../../shared/wizard/torch-upgrade.js';
import { createWizardStore } from './tx-wizard-store.js';

/** An API whose every call fails unless `impl` answers it. */
function fakeTxApi(impl: Partial<Record<keyof TorchliftApi, (input: never) => Promise<unknown>>>): TorchliftApi {
  const fail = async (): Promise<unknown> => ({ ok: false, error: { code: 'not-faked', message: 'not faked' } });
  return Object.fromEntries(API_CALLS.map((n) => [n, impl[n] ?? fail])) as unknown as TorchliftApi;
}

const plan: DllSwapPlan = {
  goal: 'dll-swap', app: '/sd', python: '/sd/python', libDirs: ['/sd/lib'], status: 'ready', refusals: [],
  files: [{ target: '/sd/lib/cudnn64_8.dll', source: '/dl/bin/cudnn64_8.dll', action: 'replace', component: 'cudnn', oldBytes: 1, newBytes: 2, oldVersion: '8.7.0', newVersion: '8.9.7' }],
  cudnn: { from: '8.7.0', to: '8.9.7' }, cuda: { from: '11.8', to: null }, backupBytes: 1, newBytes: 2, space: [], steps: [],
};
const job = (status: Job['status'], phase: string): Job => ({
  id: 'job-1', goal: 'dll-swap', status, phase, txId: 'tx-1', files: [], message: status === 'rolled-back' ? 'rolled back: import torch failed' : status,
  result: null, log: [], startedAt: 'now', finishedAt: null, app: null, downloads: [], verify: null,
});

describe('wizard store', () => {
  it('plans with the trimmed input, applies, polls getJob until the job finishes, then rolls back', async () => {
    const calls: string[] = [];
    const answers = [job('running', 'applying'), job('running', 'verifying'), job('committed', 'committed')];
    const api = fakeTxApi({
      planDllSwap: async (input: unknown) => (calls.push(`plan ${JSON.stringify(input)}`), { ok: true, value: plan }),
      startApply: async (input: unknown) => (calls.push(`start ${JSON.stringify(input)}`), { ok: true, value: job('running', 'planning') }),
      getJob: async () => (calls.push('poll'), { ok: true, value: answers.shift() }),
      rollback: async (input: unknown) => (calls.push(`rollback ${JSON.stringify(input)}`), { ok: true, value: { kind: 'rolled-back', txId: 'tx-1', files: 1 } }),
    });
    const store = createWizardStore(dllSwapMachine, { api: () => api, sleep: async () => {} });
    store.getState().open('/sd');
    store.getState().edit({ cudnnDir: ' /dl ' });
    await store.getState().plan();
    expect(store.getState().state.type).toBe('review');
    await store.getState().apply();
    const result = store.getState().state;
    expect(result.type === 'result' && result.job.status).toBe('committed');
    await store.getState().rollback();
    const after = store.getState().state;
    expect(after.type === 'result' && after.rollback).toEqual({ kind: 'done', files: 1 });
    expect(calls).toEqual([
      'plan {"app":"/sd","cudnnDir":"/dl"}',
      'start {"app":"/sd","cudnnDir":"/dl","goal":"dll-swap"}',
      'poll', 'poll', 'poll',
      'rollback {"id":"tx-1"}',
    ]);
  });

  it('shows a failed plan on the choose step, and drops a plan answer once the user started over', async () => {
    const releases: (() => void)[] = [];
    const api = fakeTxApi({
      planDllSwap: () => new Promise((r) => { releases.push(() => r({ ok: true, value: plan })); }),
    });
    const store = createWizardStore(dllSwapMachine, { api: () => api, sleep: async () => {} });
    store.getState().open('/sd');
    store.getState().edit({ cudaDir: '/cuda' });
    const pending = store.getState().plan();
    expect(store.getState().state.type).toBe('planning');
    store.getState().open('/other');
    store.getState().edit({ cudaDir: '/cuda' });
    const second = store.getState().plan();
    releases[0]?.();
    await pending;
    expect(store.getState().state.type).toBe('planning');
    releases[1]?.();
    await second;
    const shown = store.getState().state;
    expect(shown.type === 'review' && shown.choice.app).toBe('/other');
    const failing = createWizardStore(dllSwapMachine, { api: () => fakeTxApi({}), sleep: async () => {} });
    failing.getState().open('/sd');
    failing.getState().edit({ cudaDir: '/cuda' });
    await failing.getState().plan();
    const s = failing.getState().state;
    expect(s.type === 'choose' && s.error?.code).toBe('not-faked');
  });

  it('ends on the result with "rolled back: <reason>" when verification failed', async () => {
    const api = fakeTxApi({
      planDllSwap: async () => ({ ok: true, value: plan }),
      startApply: async () => ({ ok: true, value: job('running', 'planning') }),
      getJob: async () => ({ ok: true, value: job('rolled-back', 'rolled-back') }),
    });
    const store = createWizardStore(dllSwapMachine, { api: () => api, sleep: async () => {} });
    store.getState().open('/sd');
    store.getState().edit({ cudnnDir: '/dl' });
    await store.getState().plan();
    await store.getState().apply();
    const s = store.getState().state;
    expect(s.type === 'result' && s.job.message).toBe('rolled back: import torch failed');
  });

  it('asks the engine in the UI language on every call', async () => {
    const inputs: unknown[] = [];
    const answers = [job('committed', 'committed')];
    const api = fakeTxApi({
      planDllSwap: async (input: unknown) => (inputs.push(input), { ok: true, value: plan }),
      startApply: async (input: unknown) => (inputs.push(input), { ok: true, value: job('running', 'planning') }),
      getJob: async (input: unknown) => (inputs.push(input), { ok: true, value: answers.shift() }),
      rollback: async (input: unknown) => (inputs.push(input), { ok: true, value: { kind: 'rolled-back', txId: 'tx-1', files: 1 } }),
    });
    const store = createWizardStore(dllSwapMachine, { api: () => api, lang: () => 'ja', sleep: async () => {} });
    store.getState().open('/sd');
    store.getState().edit({ cudnnDir: '/dl' });
    await store.getState().plan();
    await store.getState().apply();
    await store.getState().rollback();
    expect(inputs).toHaveLength(4);
    for (const input of inputs) expect(input).toMatchObject({ lang: 'ja' });
  });
});

const upgradePlan: TorchUpgradePlan = {
  goal: 'torch-upgrade', app: '/sd', python: '/sd/venv/bin/python', pythonVersion: '3.10.11', status: 'ready', refusals: [],
  current: { torch: '2.0.1+cu118', torchvision: '0.15.2+cu118', torchaudio: null, xformers: '0.0.20' },
  target: { torch: '2.3.1', torchvision: '0.18.1', torchaudio: null, xformers: '0.0.27', variant: 'cu121', cuda: '12.1', indexUrl: null, why: 'recommended' },
  xformers: { action: 'install', reason: null }, alternatives: [], rejected: [], packages: [], downloadBytes: 0, space: [], launcher: [],
  source: { kind: 'official', label: 'official', indexUrl: null, pipIndexUrl: null, findLinks: null }, steps: [], notes: [],
};
const upgradeJob = (status: Job['status'], phase: string, id = 'job-u'): Job => ({ ...job(status, phase), id, goal: 'torch-upgrade', app: '/sd' });

describe('wizard store: refresh after changes, reattach, previews', () => {
  it('tells onChanged after a committed job and after a manual rollback, not after a refusal', async () => {
    let changed = 0;
    const answers = [job('committed', 'committed')];
    const api = fakeTxApi({
      planDllSwap: async () => ({ ok: true, value: plan }),
      startApply: async () => ({ ok: true, value: job('running', 'planning') }),
      getJob: async () => ({ ok: true, value: answers.shift() }),
      rollback: async () => ({ ok: true, value: { kind: 'rolled-back', txId: 'tx-1', files: 1 } }),
    });
    const store = createWizardStore(dllSwapMachine, { api: () => api, sleep: async () => {}, onChanged: () => changed++ });
    store.getState().open('/sd');
    store.getState().edit({ cudnnDir: '/dl' });
    await store.getState().plan();
    await store.getState().apply();
    expect(changed).toBe(1);
    await store.getState().rollback();
    expect(changed).toBe(2);

    let refusedChanges = 0;
    const refusing = fakeTxApi({
      planDllSwap: async () => ({ ok: true, value: plan }),
      startApply: async () => ({ ok: true, value: { ...job('refused', 'planning'), result: { kind: 'refused', refusals: [] } } }),
    });
    const other = createWizardStore(dllSwapMachine, { api: () => refusing, sleep: async () => {}, onChanged: () => refusedChanges++ });
    other.getState().open('/sd');
    other.getState().edit({ cudnnDir: '/dl' });
    await other.getState().plan();
    await other.getState().apply();
    const s = other.getState().state;
    expect([s.type, refusedChanges]).toEqual(['result', 0]);
  });

  it('reattaches to a running job of its own goal from listJobs, polls it to the end and tells onChanged', async () => {
    let changed = 0;
    const polled: string[] = [];
    const answers = [upgradeJob('running', 'verifying'), upgradeJob('committed', 'committed')];
    const api = fakeTxApi({ getJob: async (input: { id: string }) => (polled.push(input.id), { ok: true, value: answers.shift() }) });
    const sleeps: (() => void)[] = [];
    const store = createWizardStore(torchUpgradeMachine, { api: () => api, sleep: () => new Promise<void>((r) => sleeps.push(r)), onChanged: () => changed++ });
    expect(await store.getState().attach([job('running', 'applying'), upgradeJob('committed', 'committed', 'old')])).toBe(false);
    expect(await store.getState().attach([upgradeJob('running', 'installing')])).toBe(true);
    const s = store.getState().state;
    expect(s.type === 'running' && [s.job?.id, s.plan, s.choice.app]).toEqual(['job-u', null, '/sd']);
    while (store.getState().state.type === 'running') {
      await new Promise((r) => setTimeout(r, 0));
      sleeps.shift()?.();
    }
    const done = store.getState().state;
    expect(done.type === 'result' && done.job.status).toBe('committed');
    expect([polled, changed]).toEqual([['job-u', 'job-u'], 1]);
  });

  it('previews the recommendation once per source, drops a late preview answer, and reuses a fitting preview as the plan', async () => {
    const planned: unknown[] = [];
    const releases: ((v: unknown) => void)[] = [];
    const api = fakeTxApi({ planTorchUpgrade: (input: unknown) => new Promise((r) => { planned.push(input); releases.push(r); }) });
    const store = createWizardStore(torchUpgradeMachine, { api: () => api, sleep: async () => {} });
    store.getState().open('/sd');
    const first = store.getState().preview();
    void store.getState().preview();
    expect(planned).toHaveLength(1);
    store.getState().edit({ source: 'mirror', mirror: 'sjtu' });
    const second = store.getState().preview();
    releases[0]?.({ ok: true, value: { ...upgradePlan, notes: ['stale'] } });
    await first;
    expect(store.getState().state.type === 'choose' && store.getState().state).toMatchObject({ preview: { kind: 'loading' } });
    releases[1]?.({ ok: true, value: upgradePlan });
    await second;
    await store.getState().plan();
    const s = store.getState().state;
    expect(s.type === 'review' && s.plan).toEqual(upgradePlan);
    expect(planned).toEqual([{ app: '/sd', source: { kind: 'official' } }, { app: '/sd', source: { kind: 'mirror', name: 'sjtu' } }]);
  });

  it('starts a torch upgrade with its goal and the chosen target', async () => {
    const inputs: unknown[] = [];
    const api = fakeTxApi({
      planTorchUpgrade: async () => ({ ok: true, value: upgradePlan }),
      startApply: async (input: unknown) => (inputs.push(input), { ok: true, value: upgradeJob('committed', 'committed') }),
    });
    const store = createWizardStore(torchUpgradeMachine, { api: () => api, lang: () => 'zh-CN', sleep: async () => {} });
    store.getState().open('/sd', { target: '2.5.1+cu121', source: 'local', folder: '/wheels' });
    await store.getState().plan();
    await store.getState().apply();
    expect(inputs).toEqual([{ app: '/sd', torch: '2.5.1+cu121', findLinks: '/wheels', lang: 'zh-CN', goal: 'torch-upgrade' }]);
    expect(store.getState().state.type).toBe('result');
  });
});
