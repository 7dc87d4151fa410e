import { expect, test } from 'vitest';
import type { ProbeOutput } from '../../detect/probe-output.js';
import { english, type Text } from '../../i18n/engine-text.js';
import type { VerifyOutcome } from '../../tx/transaction.js';
import { judgeVerify } from './verify.js';

/** The outcome with its reason in English (reasons are messages; the journal keeps this English beside them). */
const judged = (o: VerifyOutcome): VerifyOutcome & { reason?: Text } => (o.ok ? o : { ...o, reason: english(o.reason) });

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
  expect(judged(judgeVerify(importFailed, 8907))).toMatchObject({ ok: false, reason: 'import torch failed: OSError: [WinError 126] Error loading "cudnn_cnn_infer64_8.dll"' });
  const conv = output([...good.slice(0, 3), step('conv2d', false, null, { type: 'RuntimeError', message: 'cuDNN error: CUDNN_STATUS_NOT_INITIALIZED' })]);
  expect(judged(judgeVerify(conv, 8907))).toMatchObject({ ok: false, reason: expect.stringContaining('conv2d failed: RuntimeError') });
  expect(judged(judgeVerify(output(good), 8906))).toMatchObject({ ok: false, reason: expect.stringContaining('is 8907, expected 8906') });
  expect(judgeVerify(output([]), null)).toMatchObject({ ok: false });
});

test('every step becomes a structured check; a judged mismatch carries its message, raw probe errors stay raw', () => {
  const mismatch = judgeVerify(output(good), 8906);
  expect(mismatch.checks?.map((c) => [c.name, c.ok])).toEqual([['import', true], ['cuda-available', true], ['matmul', true], ['conv2d', true], ['synchronize', true], ['cudnn-version', false]]);
  const cudnn = mismatch.checks?.find((c) => c.name === 'cudnn-version');
  expect(cudnn?.detailMsg).toEqual({ key: 'engine:verify.cudnn-mismatch', params: { actual: '8907', expected: 8906 } });
  expect(cudnn?.detail).toContain('is 8907, expected 8906');
  const conv = judgeVerify(output([...good.slice(0, 3), step('conv2d', false, null, { type: 'RuntimeError', message: 'CUDNN_STATUS_NOT_INITIALIZED' })]), null);
  expect(conv.checks?.at(-1)).toEqual({ name: 'conv2d', ok: false, detail: 'RuntimeError: CUDNN_STATUS_NOT_INITIALIZED' });
});
