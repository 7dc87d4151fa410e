import { describe, expect, it } from 'vitest';
import type { Job, JobDownload } from '../schemas/tx.js';
import { targetId, torchUpgradeGoal, torchUpgradePhase, upgradeChoiceProblem, upgradeInputOf, upgradeProgress, type UpgradeChoice } from './torch-upgrade.js';

const choice = (patch: Partial<UpgradeChoice> = {}): UpgradeChoice => ({ ...torchUpgradeGoal.initialChoice(' /sd '), ...patch });
const dl = (state: JobDownload['state'], doneBytes: number, bytes = 100): JobDownload => ({ name: 'torch', url: 'u', bytes, doneBytes, speed: 0, etaSeconds: null, state });
const job = (patch: Partial<Job> = {}): Job => ({
  id: 'job-1', goal: 'torch-upgrade', status: 'running', phase: 'downloading', txId: null, files: [], app: '/sd', downloads: [], verify: null,
  message: '', result: null, log: [], startedAt: '2026-01-01T00:00:00Z', finishedAt: null, ...patch,
});

describe('torch-upgrade goal', () => {
  it('turns each source into the engine\'s input: official, a mirror preset, a URL, a local folder (find-links)', () => {
    expect(upgradeInputOf(choice())).toEqual({ app: '/sd', source: { kind: 'official' } });
    expect(upgradeInputOf(choice({ target: ' 2.5.1+cu121 ', source: 'mirror', mirror: 'nju' }))).toEqual({ app: '/sd', torch: '2.5.1+cu121', source: { kind: 'mirror', name: 'nju' } });
    expect(upgradeInputOf(choice({ source: 'url', url: ' http://127.0.0.1:9/whl ' }))).toEqual({ app: '/sd', source: { kind: 'url', url: 'http://127.0.0.1:9/whl' } });
    expect(upgradeInputOf(choice({ source: 'local', folder: 'D:\\wheels & [x]' }))).toEqual({ app: '/sd', findLinks: 'D:\\wheels & [x]' });
  });

  it('names what a choice lacks', () => {
    expect([choice({ app: '' }), choice({ source: 'mirror' }), choice({ source: 'url' }), choice({ source: 'local' }), choice()].map(upgradeChoiceProblem))
      .toEqual(['no-app', 'no-mirror', 'no-url', 'no-folder', null]);
  });

  it('names a target by version and variant, once', () => {
    expect(targetId({ torch: '2.5.1', variant: 'cu121' })).toBe('2.5.1+cu121');
    expect(targetId({ torch: '2.5.1+cu121', variant: 'cu121' })).toBe('2.5.1+cu121');
  });

  it('tells the phase from the job: downloads open → downloading, pip → installing, checks → verifying', () => {
    expect(torchUpgradePhase(job({ phase: 'snapshot', downloads: [dl('done', 100), dl('downloading', 10)] }))).toBe('downloading');
    expect(torchUpgradePhase(job({ phase: 'installing', downloads: [dl('done', 100), dl('cached', 0)] }))).toBe('installing');
    expect(torchUpgradePhase(job({ phase: 'snapshot', downloads: [dl('done', 100)] }))).toBe('installing');
    expect(torchUpgradePhase(job({ phase: 'verifying' }))).toBe('verifying');
    expect(torchUpgradePhase(job({ phase: 'launcher', verify: { checks: [], beforeMs: null, afterMs: null, speedup: '' } }))).toBe('verifying');
  });

  it('measures progress by downloaded bytes (cached files count as done), then install, then verification', () => {
    const start = upgradeProgress(job({ downloads: [dl('downloading', 0), dl('pending', 0)] }));
    const half = upgradeProgress(job({ downloads: [dl('done', 100), dl('cached', 0), dl('downloading', 0, 200)] }));
    const installing = upgradeProgress(job({ phase: 'installing', downloads: [dl('done', 100)] }));
    const verifying = upgradeProgress(job({ phase: 'verifying' }));
    expect([start, half]).toEqual([0, 0.3]);
    expect(half < installing && installing < verifying && verifying < 1).toBe(true);
    expect(upgradeProgress(job({ status: 'committed' }))).toBe(1);
  });
});
