import { describe, expect, it } from 'vitest';
import type { DllSwapPlan, Job } from '../schemas/tx.js';
import { dllSwapGoal, dllSwapMachine, dllSwapPhase, inputOf, jobProgress, type DllSwapEvent, type DllSwapState } from './dll-swap.js';
import { canRollBack, StateType, stepOf } from './machine.js';

const { transition } = dllSwapMachine;
const initialWizardState = dllSwapMachine.initial;

const plan = (status: DllSwapPlan['status'] = 'ready'): DllSwapPlan => ({
  goal: 'dll-swap', app: '/sd', python: '/sd/venv/Scripts/python.exe', libDirs: ['/sd/torch/lib'], status,
  refusals: status === 'refused' ? [{ code: 'cudnn-major-mismatch', message: 'never cuDNN 9 over 8', fix: 'use cuDNN 8.x' }] : [],
  files: [{ target: '/sd/torch/lib/cudnn64_8.dll', source: '/dl/bin/cudnn64_8.dll', action: 'replace', component: 'cudnn', oldBytes: 10, newBytes: 12, oldVersion: '8.7.0', newVersion: '8.9.7' }],
  cudnn: { from: '8.7.0', to: '8.9.7' }, cuda: { from: '11.8', to: null }, backupBytes: 10, newBytes: 12, space: [], steps: [],
});

const job = (patch: Partial<Job> = {}): Job => ({
  id: 'job-1', goal: 'dll-swap', status: 'running', phase: 'preparing', txId: 'tx-1',
  files: [{ target: '/sd/torch/lib/cudnn64_8.dll', bytes: 12, doneBytes: 0, state: 'pending' }],
  message: 'staging', result: null, log: [], startedAt: '2024-01-01T00:00:00Z', finishedAt: null, app: null, downloads: [], verify: null, ...patch,
});

const run = (events: DllSwapEvent[], from: DllSwapState = initialWizardState('/sd')): DllSwapState => events.reduce(transition, from);
const toReview = (p = plan()): DllSwapEvent[] => [{ type: 'edit', choice: { cudnnDir: ' /dl ' } }, { type: 'plan' }, { type: 'planned', plan: p }];

describe('dll-swap wizard', () => {
  it('goes choose → planning → review → applying → result on a committed swap', () => {
    const applying = run([...toReview(), { type: 'apply' }]);
    expect(applying.type).toBe(StateType.Running);
    const running = transition(applying, { type: 'job', job: job() });
    expect(running.type === StateType.Running && running.job?.phase).toBe('preparing');
    const done = transition(running, { type: 'job', job: job({ status: 'committed', phase: 'committed', message: 'committed' }) });
    expect(done.type).toBe(StateType.Result);
    expect(canRollBack(done)).toBe(true);
  });

  it('will not plan without a source folder, and says why', () => {
    const s = run([{ type: 'plan' }]);
    expect(s.type === StateType.Choose && s.error?.code).toBe('no-source');
    const noApp = run([{ type: 'edit', choice: { cudaDir: '/cuda' } }, { type: 'plan' }], initialWizardState(''));
    expect(noApp.type === StateType.Choose && noApp.error?.code).toBe('no-app');
  });

  it('sends trimmed folders and leaves out empty ones', () => {
    expect(inputOf({ app: ' /sd ', cudaDir: '  ', cudnnDir: ' /dl ' })).toEqual({ app: '/sd', cudnnDir: '/dl' });
  });

  it('cannot apply a refused plan', () => {
    const review = run(toReview(plan('refused')));
    expect(transition(review, { type: 'apply' })).toBe(review);
  });

  it('goes back to choose with the plan error, and from review with back', () => {
    const failed = run([{ type: 'edit', choice: { cudnnDir: '/x' } }, { type: 'plan' }, { type: 'plan-failed', error: { code: 'internal', message: 'boom' } }]);
    expect(failed.type === StateType.Choose && failed.error?.message).toBe('boom');
    const back = run([...toReview(), { type: 'back' }]);
    expect(back.type === StateType.Choose && back.choice.cudnnDir).toBe(' /dl ');
  });

  it('returns to review when startApply fails, and ignores answers that arrive in the wrong state', () => {
    const s = run([...toReview(), { type: 'apply' }, { type: 'apply-failed', error: { code: 'x', message: 'no' } }]);
    expect(s.type === StateType.Review && s.error?.message).toBe('no');
    expect(transition(s, { type: 'planned', plan: plan() })).toBe(s);
    expect(transition(s, { type: 'job', job: job() })).toBe(s);
  });

  it('ignores a job of another id while applying', () => {
    const running = run([...toReview(), { type: 'apply' }, { type: 'job', job: job() }]);
    expect(transition(running, { type: 'job', job: job({ id: 'job-2', status: 'committed' }) })).toBe(running);
  });

  it('keeps polling state through a failed poll', () => {
    const s = run([...toReview(), { type: 'apply' }, { type: 'job', job: job() }, { type: 'poll-failed', error: { code: 'network', message: 'down' } }]);
    expect(s.type === StateType.Running && s.pollError?.code).toBe('network');
    expect(s.type === StateType.Running && s.job?.id).toBe('job-1');
  });

  it('offers no rollback after an automatic one', () => {
    const s = run([...toReview(), { type: 'apply' }, { type: 'job', job: job({ status: 'rolled-back', message: 'rolled back: import torch failed' }) }]);
    expect(s.type).toBe(StateType.Result);
    expect(canRollBack(s)).toBe(false);
    expect(transition(s, { type: 'rollback' })).toBe(s);
  });

  it('rolls a committed swap back once; a refusal or error is shown and may be retried', () => {
    const result = run([...toReview(), { type: 'apply' }, { type: 'job', job: job({ status: 'committed' }) }]);
    const rolling = transition(result, { type: 'rollback' });
    expect(rolling.type).toBe(StateType.RollingBack);
    const refused = transition(rolling, { type: 'rolled-back', result: { kind: 'refused', refusals: [{ code: 'changed', message: 'changed since', fix: 'f' }] } });
    expect(refused.type === StateType.Result && refused.rollback.kind).toBe('refused');
    expect(canRollBack(refused)).toBe(true);
    const done = transition(transition(refused, { type: 'rollback' }), { type: 'rolled-back', result: { kind: 'rolled-back', txId: 'tx-1', files: 7 } });
    expect(done.type === StateType.Result && done.rollback).toEqual({ kind: 'done', files: 7 });
    expect(canRollBack(done)).toBe(false);
    const errored = transition(rolling, { type: 'rollback-failed', error: { code: 'network', message: 'x' } });
    expect(errored.type === StateType.Result && errored.rollback.kind).toBe('error');
  });

  it('cannot be re-opened or restarted while files may be changing', () => {
    const applying = run([...toReview(), { type: 'apply' }]);
    expect(transition(applying, { type: 'open', app: '/other' })).toBe(applying);
    expect(transition(applying, { type: 'restart' })).toBe(applying);
    const reopened = transition(run(toReview()), { type: 'open', app: '/other' });
    expect(reopened.type === StateType.Choose && reopened.choice).toEqual({ app: '/other', cudaDir: '', cudnnDir: '' });
  });

  it('measures progress by step weights: staging bytes, then placed files, then verification', () => {
    expect(jobProgress(null)).toBe(0);
    const half = jobProgress(job({ files: [{ target: 'a', bytes: 10, doneBytes: 5, state: 'staging' }] }));
    const placed = jobProgress(job({ phase: 'applying', files: [{ target: 'a', bytes: 10, doneBytes: 10, state: 'placed' }] }));
    const verifying = jobProgress(job({ phase: 'verifying', files: [{ target: 'a', bytes: 10, doneBytes: 10, state: 'placed' }] }));
    expect(0 < half && half < placed && placed < verifying && verifying < 1).toBe(true);
    expect(jobProgress(job({ status: 'committed' }))).toBe(1);
  });

  it('names the running phase from the journal state: staging, swapping, verifying', () => {
    expect(['preparing', 'prepared', 'applying', 'applied', 'verifying', 'committed'].map((phase) => dllSwapPhase(job({ phase }))))
      .toEqual(['staging', 'staging', 'swapping', 'swapping', 'verifying', 'verifying']);
    const running = run([...toReview(), { type: 'apply' }, { type: 'job', job: job({ phase: 'applying' }) }]);
    expect(stepOf(dllSwapGoal, running)).toBe('swapping');
  });
});
