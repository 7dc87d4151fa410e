import { expect, test } from 'vitest';
import { older, swapSummary, versionRefusals } from './version-checks.js';

const base = { cudnnDir: null, cudnn: { from: null, to: null }, cudaDir: null, cuda: { from: null, to: null } };

test('older compares numerically, part by part; unknown versions are never older', () => {
  expect(older('8.7.0', '8.9.7')).toBe(true);
  expect(older('8.10.0', '8.9.7')).toBe(false);
  expect(older('12.1', '12.4')).toBe(true);
  expect(older('12.4', '12.4.0')).toBe(false);
  expect(older(null, '8.9.7')).toBe(false);
  expect(older('8.9.7', null)).toBe(false);
});

test('an unreadable cuDNN version is refused naming the folder and the missing header', () => {
  const [r] = versionRefusals({ ...base, cudnnDir: 'D:\\dl\\cudnn', cudnn: { from: '8.7.0', to: null } });
  expect(r?.code).toBe('cudnn-version-unknown');
  expect(r?.message).toContain('D:\\dl\\cudnn');
  expect(r?.message).toContain('include/cudnn_version.h is missing');
});

test('downgrades of cuDNN and CUDA are refused; same version and upgrades are not', () => {
  expect(versionRefusals({ ...base, cudnnDir: '/c', cudnn: { from: '8.9.7', to: '8.7.0' } }).map((r) => r.code)).toEqual(['cudnn-downgrade']);
  expect(versionRefusals({ ...base, cudaDir: '/t', cuda: { from: '12.4', to: '12.1' } }).map((r) => r.code)).toEqual(['cuda-downgrade']);
  expect(versionRefusals({ ...base, cudnnDir: '/c', cudnn: { from: '8.7.0', to: '8.9.7' }, cudaDir: '/t', cuda: { from: '11.8', to: '11.8' } })).toEqual([]);
  expect(versionRefusals({ ...base, cudnnDir: '/c', cudnn: { from: null, to: '8.9.7' } })).toEqual([]);
});

test('the intent names every swapped part, with "?" for an unknown side (never an empty "()")', () => {
  expect(swapSummary({ ...base, cudnnDir: '/c', cudnn: { from: null, to: '8.9.7' } })).toBe('cuDNN ? → 8.9.7');
  expect(swapSummary({ ...base, cudaDir: '/t', cuda: { from: '11.8', to: null } })).toBe('CUDA 11.8 → ?');
});
