import { describe, expect, it } from 'vitest';
import { API_CALLS } from '../../shared/api/calls.js';
import type { TorchliftApi } from '../../shared/api/contract.js';
import type { DllSwapPlan, Job } from '../../shared/schemas/tx.js';
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
    const store = createWizardStore({ api: () => api, sleep: async () => {} });
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
    const store = createWizardStore({ api: () => api, sleep: async () => {} });
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
    expect(shown.type === 'review' && shown.source.app).toBe('/other');
    const failing = createWizardStore({ api: () => fakeTxApi({}), sleep: async () => {} });
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
    const store = createWizardStore({ api: () => api, sleep: async () => {} });
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
    const store = createWizardStore({ api: () => api, lang: () => 'ja', sleep: async () => {} });
    store.getState().open('/sd');
    store.getState().edit({ cudnnDir: '/dl' });
    await store.getState().plan();
    await store.getState().apply();
    await store.getState().rollback();
    expect(inputs).toHaveLength(4);
    for (const input of inputs) expect(input).toMatchObject({ lang: 'ja' });
  });
});
