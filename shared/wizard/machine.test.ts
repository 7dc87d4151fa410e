import { describe, expect, it } from 'vitest';
import type { Job } from '../schemas/tx.js';
import type { TorchUpgradePlan } from '../schemas/torch-upgrade.js';
import { busy, canRollBack, StateType, stepOf, stepsOf, WizardState, type WizardEvent } from './machine.js';
import { torchUpgradeGoal, torchUpgradeMachine, type UpgradeChoice, type UpgradeState } from './torch-upgrade.js';

// The one wizard machine, exercised through the torch-upgrade goal (previews, three phases); dll-swap.test.ts runs
// the same machine through the DLL swap.
const { transition } = torchUpgradeMachine;

const plan = (patch: Partial<TorchUpgradePlan> = {}): TorchUpgradePlan => ({
  goal: 'torch-upgrade', app: '/sd', python: '/sd/venv/bin/python', pythonVersion: '3.10.11', status: 'ready', refusals: [],
  current: { torch: '2.0.1+cu118', torchvision: '0.15.2+cu118', torchaudio: null, xformers: '0.0.20' },
  target: { torch: '2.3.1', torchvision: '0.18.1', torchaudio: null, xformers: '0.0.27', variant: 'cu121', cuda: '12.1', indexUrl: null, why: 'recommended' },
  xformers: { action: 'install', reason: null }, alternatives: [{ torch: '2.5.1', variant: 'cu121', note: 'newer, no xformers' }], rejected: [],
  packages: [], downloadBytes: 0, space: [], launcher: [],
  source: { kind: 'official', label: 'official', indexUrl: null, pipIndexUrl: null, findLinks: null }, steps: [], notes: [], ...patch,
});

const job = (patch: Partial<Job> = {}): Job => ({
  id: 'job-1', goal: 'torch-upgrade', status: 'running', phase: 'downloading', txId: 'tx-1', files: [], app: '/sd', downloads: [], verify: null,
  message: '', result: null, log: [], startedAt: '2026-01-01T00:00:00Z', finishedAt: null, ...patch,
});

type Ev = WizardEvent<UpgradeChoice, TorchUpgradePlan>;
const run = (events: Ev[], from: UpgradeState = torchUpgradeMachine.initial('/sd')): UpgradeState => events.reduce(transition, from);
const key = (c: Partial<UpgradeChoice> = {}): string => JSON.stringify(torchUpgradeGoal.previewOf?.({ ...torchUpgradeGoal.initialChoice('/sd'), ...c }));
const previewed = (p = plan()): Ev[] => [{ type: 'preview', key: key() }, { type: 'previewed', key: key(), plan: p }];
const toReview = (): Ev[] => [{ type: 'edit', choice: { target: '2.5.1+cu121' } }, { type: 'plan' }, { type: 'planned', plan: plan() }];
const toRunning = (): Ev[] => [...toReview(), { type: 'apply' }, { type: 'job', job: job() }];

describe('the wizard machine', () => {
  it('opens on the choose step for an install, with part of the choice preset', () => {
    const s = run([{ type: 'open', app: '/other', choice: { source: 'mirror', mirror: 'nju' } }]);
    expect(s).toEqual(WizardState.Choose({ app: '/other', target: '', source: 'mirror', mirror: 'nju', url: '', folder: '' }));
  });

  it('previews the default choice once, keeps it while only the target changes, and drops it when the source changes', () => {
    const loading = run([{ type: 'preview', key: key() }]);
    expect(loading.type === StateType.Choose && loading.preview).toEqual({ kind: 'loading', key: key() });
    expect(transition(loading, { type: 'preview', key: key() })).toBe(loading);
    const ready = run(previewed());
    expect(ready.type === StateType.Choose && ready.preview.kind).toBe('ready');
    const target = transition(ready, { type: 'edit', choice: { target: '2.5.1+cu121' } });
    expect(target.type === StateType.Choose && target.preview.kind).toBe('ready');
    const source = transition(ready, { type: 'edit', choice: { source: 'mirror', mirror: 'nju' } });
    expect(source.type === StateType.Choose && source.preview.kind).toBe('none');
  });

  it('ignores a preview answer for a choice the user has since changed (a late answer)', () => {
    const loading = run([{ type: 'preview', key: key() }, { type: 'edit', choice: { source: 'local', folder: '/wheels' } }, { type: 'preview', key: key({ source: 'local', folder: '/wheels' }) }]);
    expect(transition(loading, { type: 'previewed', key: key(), plan: plan() })).toBe(loading);
    expect(transition(loading, { type: 'preview-failed', key: key(), error: { code: 'x', message: 'late' } })).toBe(loading);
    const failed = transition(loading, { type: 'preview-failed', key: key({ source: 'local', folder: '/wheels' }), error: { code: 'offline', message: 'no index' } });
    expect(failed.type === StateType.Choose && failed.preview.kind).toBe('failed');
  });

  it('will not preview or plan a choice that lacks something, and names what', () => {
    const s = run([{ type: 'edit', choice: { source: 'url', url: ' ' } }, { type: 'plan' }]);
    expect(s.type === StateType.Choose && s.error?.code).toBe('no-url');
    expect(torchUpgradeGoal.previewOf?.({ ...torchUpgradeGoal.initialChoice('/sd'), source: 'local' })).toBeNull();
    const noApp = run([{ type: 'plan' }], torchUpgradeMachine.initial(''));
    expect(noApp.type === StateType.Choose && noApp.error?.code).toBe('no-app');
  });

  it('goes straight to the review when the preview already is the plan of the choice; plans otherwise', () => {
    const recommended = run([...previewed(), { type: 'plan' }]);
    expect(recommended.type).toBe(StateType.Review);
    const sameTarget = run([...previewed(), { type: 'edit', choice: { target: '2.3.1+cu121' } }, { type: 'plan' }]);
    expect(sameTarget.type).toBe(StateType.Review);
    const other = run([...previewed(), { type: 'edit', choice: { target: '2.5.1+cu121' } }, { type: 'plan' }]);
    expect(other.type).toBe(StateType.Planning);
  });

  it('planning → review, or back to choose with the error (the preview kept); edits are ignored while planning', () => {
    const planning = run([...previewed(), { type: 'edit', choice: { target: '2.5.1+cu121' } }, { type: 'plan' }]);
    expect(transition(planning, { type: 'edit', choice: { app: '/x' } })).toBe(planning);
    const failed = transition(planning, { type: 'plan-failed', error: { code: 'no-wheel', message: 'no wheel' } });
    expect(failed.type === StateType.Choose && [failed.error?.code, failed.preview.kind]).toEqual(['no-wheel', 'ready']);
    const review = transition(planning, { type: 'planned', plan: plan() });
    expect(review.type === StateType.Review && review.choice.target).toBe('2.5.1+cu121');
    expect(transition(review, { type: 'planned', plan: plan() })).toBe(review);
  });

  it('review → back to choose; a refused plan cannot be applied; a failed start returns to the review with the error', () => {
    expect(run([...toReview(), { type: 'back' }]).type).toBe(StateType.Choose);
    const refused = run([{ type: 'plan' }, { type: 'planned', plan: plan({ status: 'refused' }) }]);
    expect(transition(refused, { type: 'apply' })).toBe(refused);
    const failed = run([...toReview(), { type: 'apply' }, { type: 'apply-failed', error: { code: 'locked', message: 'busy' } }]);
    expect(failed.type === StateType.Review && failed.error?.code).toBe('locked');
  });

  it('runs through its phases while the job reports, then shows the result', () => {
    const started = run([...toReview(), { type: 'apply' }]);
    expect(started.type === StateType.Running && started.job).toBeNull();
    expect(stepOf(torchUpgradeGoal, started)).toBe('downloading');
    const installing = transition(started, { type: 'job', job: job({ phase: 'installing' }) });
    expect(stepOf(torchUpgradeGoal, installing)).toBe('installing');
    const verifying = transition(installing, { type: 'job', job: job({ phase: 'verifying' }) });
    expect(stepOf(torchUpgradeGoal, verifying)).toBe('verifying');
    const done = transition(verifying, { type: 'job', job: job({ status: 'committed', phase: 'committed' }) });
    expect(done.type).toBe(StateType.Result);
    expect(stepOf(torchUpgradeGoal, done)).toBe('result');
    expect(stepsOf(torchUpgradeGoal)).toEqual(['choose', 'review', 'downloading', 'installing', 'verifying', 'result']);
  });

  it('ignores answers about another job, keeps a failed poll visible, and cannot be reopened while running', () => {
    const running = run(toRunning());
    expect(transition(running, { type: 'job', job: job({ id: 'job-2', status: 'committed' }) })).toBe(running);
    const lost = transition(running, { type: 'poll-failed', error: { code: 'network', message: 'down' } });
    expect(lost.type === StateType.Running && [lost.pollError?.code, lost.job?.id]).toEqual(['network', 'job-1']);
    expect(transition(running, { type: 'open', app: '/other' })).toBe(running);
    expect(transition(running, { type: 'restart' })).toBe(running);
    expect(transition(running, { type: 'apply-failed', error: { code: 'x', message: 'late' } })).toBe(running);
    expect(busy(running)).toBe(true);
  });

  it('reattaches to a running job of its goal found after a reload (no plan), and to nothing else', () => {
    const fresh = torchUpgradeMachine.initial();
    const attached = transition(fresh, { type: 'attach', job: job({ app: '/sd', phase: 'installing' }) });
    expect(attached.type === StateType.Running && [attached.plan, attached.choice.app, attached.job?.id]).toEqual([null, '/sd', 'job-1']);
    expect(stepOf(torchUpgradeGoal, attached)).toBe('installing');
    expect(transition(fresh, { type: 'attach', job: job({ goal: 'dll-swap' }) })).toBe(fresh);
    expect(transition(fresh, { type: 'attach', job: job({ status: 'committed' }) })).toBe(fresh);
    const running = run(toRunning());
    expect(transition(running, { type: 'attach', job: job({ id: 'job-9' }) })).toBe(running);
    // The reattached job goes on like any other; a failed start cannot send it to a review it never had.
    expect(transition(attached, { type: 'apply-failed', error: { code: 'x', message: 'x' } })).toBe(attached);
    expect(transition(attached, { type: 'job', job: job({ status: 'rolled-back', phase: 'rolled-back' }) }).type).toBe(StateType.Result);
  });

  it('rolls a committed job back once; a refusal or error is shown and may be retried; none after an automatic rollback', () => {
    const result = run([...toRunning(), { type: 'job', job: job({ status: 'committed' }) }]);
    expect(canRollBack(result)).toBe(true);
    const rolling = transition(result, { type: 'rollback' });
    expect(rolling.type).toBe(StateType.RollingBack);
    expect(transition(rolling, { type: 'rollback' })).toBe(rolling);
    const refused = transition(rolling, { type: 'rolled-back', result: { kind: 'refused', refusals: [{ code: 'changed-since', message: 'm', fix: 'f' }] } });
    expect(refused.type === StateType.Result && refused.rollback.kind).toBe('refused');
    const done = transition(transition(refused, { type: 'rollback' }), { type: 'rolled-back', result: { kind: 'rolled-back', txId: 'tx-1', files: 9 } });
    expect(done.type === StateType.Result && done.rollback).toEqual({ kind: 'done', files: 9 });
    expect(canRollBack(done)).toBe(false);
    const errored = transition(rolling, { type: 'rollback-failed', error: { code: 'network', message: 'x' } });
    expect(errored.type === StateType.Result && errored.rollback.kind).toBe('error');
    const auto = run([...toRunning(), { type: 'job', job: job({ status: 'rolled-back' }) }]);
    expect(transition(auto, { type: 'rollback' })).toBe(auto);
  });

  it('restarts from review or result with the same choice, never while rolling back', () => {
    const result = run([...toRunning(), { type: 'job', job: job({ status: 'committed' }) }]);
    const again = transition(result, { type: 'restart' });
    expect(again.type === StateType.Choose && again.choice.target).toBe('2.5.1+cu121');
    const rolling = transition(result, { type: 'rollback' });
    expect(transition(rolling, { type: 'restart' })).toBe(rolling);
    expect(transition(run(toReview()), { type: 'restart' }).type).toBe(StateType.Choose);
  });

  it('ignores events that do not fit the state', () => {
    const choose = torchUpgradeMachine.initial('/sd');
    for (const e of [{ type: 'planned', plan: plan() }, { type: 'apply' }, { type: 'job', job: job() }, { type: 'rollback' }, { type: 'back' },
      { type: 'rolled-back', result: { kind: 'rolled-back', txId: 't', files: 1 } }, { type: 'poll-failed', error: { code: 'x', message: 'x' } }] as Ev[]) {
      expect(transition(choose, e)).toBe(choose);
    }
  });
});
