import { expect, test } from 'vitest';
import type { ProbeOutput } from '../../detect/probe-output.js';
import { judgeVerify } from './verify.js';

const step = (name: string, ok: boolean, value: unknown = null, error: { type: string; message: string } | null = null) => ({ name, ok, ms: 1, value, error });
const output = (steps: ReturnType<typeof step>[]): ProbeOutput => ({
  probe: 1, mode: 'verify', python: null, torch: null, importError: null, warnings: [], errors: [], verify: { steps },
});
const good = [step('import', true), step('cuda-available', true, true), step('matmul', true, 1), step('conv2d', true, 2), step('synchronize', true, true), step('cudnn-version', true, 8907)];

test('passes when every step passed and cuDNN is the new one', () => {
  expect(judgeVerify(output(good), 8907)).toMatchObject({ ok: true });
  expect(judgeVerify(output(good), null)).toMatchObject({ ok: true });
});

test('fails with the import error, the first failed step, or the wrong cuDNN', () => {
  const importFailed = output([step('import', false, null, { type: 'OSError', message: '[WinError 126] Error loading "cudnn_cnn_infer64_8.dll"' })]);
  expect(judgeVerify(importFailed, 8907)).toMatchObject({ ok: false, reason: 'import torch failed: OSError: [WinError 126] Error loading "cudnn_cnn_infer64_8.dll"' });
  const conv = output([...good.slice(0, 3), step('conv2d', false, null, { type: 'RuntimeError', message: 'cuDNN error: CUDNN_STATUS_NOT_INITIALIZED' })]);
  expect(judgeVerify(conv, 8907)).toMatchObject({ ok: false, reason: expect.stringContaining('conv2d failed: RuntimeError') });
  expect(judgeVerify(output(good), 8906)).toMatchObject({ ok: false, reason: expect.stringContaining('is 8907, expected 8906') });
  expect(judgeVerify(output([]), null)).toMatchObject({ ok: false });
});

test('gives each step as a typed check (✓/✗ with its detail), so no reader parses the log lines', () => {
  expect(judgeVerify(output(good), 8907).checks).toEqual([
    { name: 'import', ok: true, detail: '1 ms' },
    { name: 'cuda-available', ok: true, detail: '1 ms' },
    { name: 'matmul', ok: true, detail: '1 ms' },
    { name: 'conv2d', ok: true, detail: '1 ms' },
    { name: 'synchronize', ok: true, detail: '1 ms' },
    { name: 'cudnn-version', ok: true, detail: 'cuDNN 8.9.7 · 1 ms' },
  ]);
  const importFailed = output([step('import', false, null, { type: 'OSError', message: '[WinError 126] x' })]);
  expect(judgeVerify(importFailed, 8907).checks).toEqual([{ name: 'import', ok: false, detail: '1 ms · OSError: [WinError 126] x' }]);
  // The wrong cuDNN: the step itself passed, the check against the plan did not.
  const wrong = judgeVerify(output(good), 8906).checks?.find((c) => c.name === 'cudnn-version');
  expect(wrong).toMatchObject({ ok: false, detail: expect.stringContaining('is 8907, expected 8906') });
});
