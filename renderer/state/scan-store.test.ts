import { describe, expect, it } from 'vitest';
import type { TorchliftApi } from '../../shared/api/contract.js';
import type { ApiResult } from '../../shared/api/result.js';
import type { DetectReport } from '../../shared/schemas/detect.js';
import { rtx4070Report } from '../../e2e/support/fixtures/rtx4070-report.js';
import { fakeApi as completeFakeApi } from '../../shared/api/testing/fake-api.js';
import { createScanStore } from './scan-store.js';

type Detect = TorchliftApi['detect'];

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeApi(detect: Detect): TorchliftApi {
  return completeFakeApi({ detect });
}

describe('scan store', () => {
  it('shows the quick report first, then the probed one', async () => {
    const quick = deferred<ApiResult<DetectReport>>();
    const full = deferred<ApiResult<DetectReport>>();
    const calls: unknown[] = [];
    const store = createScanStore({ api: () => fakeApi((input) => (calls.push(input), input.probe ? full.promise : quick.promise)), lang: () => 'ja' });
    const done = store.getState().scan();
    expect(store.getState().phase.kind).toBe('quick-loading');
    quick.resolve({ ok: true, value: rtx4070Report('quick') });
    await quick.promise;
    await Promise.resolve();
    expect(store.getState().phase.kind).toBe('probing');
    full.resolve({ ok: true, value: rtx4070Report('complete') });
    await done;
    const phase = store.getState().phase;
    expect(phase.kind === 'complete' && phase.report.installs[0]?.torch?.cudaAvailable).toBe(true);
    expect(calls).toEqual([{ apps: [], lang: 'ja', probe: false }, { apps: [], lang: 'ja', probe: true }]);
  });

  it('keeps the quick report when only the probe fails', async () => {
    const store = createScanStore({
      api: () => fakeApi(async (input) => (input.probe ? { ok: false, error: { code: 'internal', message: 'boom' } } : { ok: true, value: rtx4070Report('quick') })),
      lang: () => 'en',
    });
    await store.getState().scan();
    const phase = store.getState().phase;
    expect(phase.kind).toBe('complete');
    expect(phase.kind === 'complete' && phase.probeError?.message).toBe('boom');
  });

  it('drops answers from a scan that a newer one replaced', async () => {
    const slow = deferred<ApiResult<DetectReport>>();
    let first = true;
    const store = createScanStore({
      api: () => fakeApi(async (input) => {
        if (first && input.probe) {
          first = false;
          return slow.promise;
        }
        return { ok: true, value: rtx4070Report(input.probe ? 'complete' : 'quick') };
      }),
      lang: () => 'en',
    });
    const old = store.getState().scan();
    await store.getState().scan();
    slow.resolve({ ok: false, error: { code: 'internal', message: 'stale' } });
    await old;
    expect(store.getState().phase.kind).toBe('complete');
    const phase = store.getState().phase;
    expect(phase.kind === 'complete' && phase.probeError).toBeNull();
  });

  it('refuses a folder that does not exist without losing the report', async () => {
    const store = createScanStore({
      api: () => fakeApi(async (input) => (input.apps?.includes('/nope') ? { ok: false, error: { code: 'app-not-found', message: 'The folder "/nope" does not exist.' } } : { ok: true, value: rtx4070Report('complete') })),
      lang: () => 'en',
    });
    await store.getState().scan();
    expect(await store.getState().addInstall('  /nope ')).toBe(false);
    expect(store.getState().adding.error?.code).toBe('app-not-found');
    expect(store.getState().apps).toEqual([]);
    expect(store.getState().phase.kind).toBe('complete');
    expect(await store.getState().addInstall('/real')).toBe(true);
    expect(store.getState().apps).toEqual(['/real']);
  });
});
