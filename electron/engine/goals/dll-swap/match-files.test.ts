import { describe, expect, test } from 'vitest';
import { english } from '../../i18n/engine-text.js';
import { matchSwap, type LibFile } from './match-files.js';

const lib = (dir: string, name: string, component: string, major: number | null, bytes = 100): LibFile => ({ path: `${dir}/${name}`, name, component, major, bytes });
const T = '/venv/Lib/site-packages/torch/lib';
const CUDNN8 = ['cudnn64_8.dll', 'cudnn_adv_infer64_8.dll', 'cudnn_cnn_infer64_8.dll', 'cudnn_ops_infer64_8.dll'];
const cu118Targets = [
  lib(T, 'cudart64_110.dll', 'cudart', 11), lib(T, 'cublas64_11.dll', 'cublas', 11), lib(T, 'cublasLt64_11.dll', 'cublas', 11),
  ...CUDNN8.map((n) => lib(T, n, 'cudnn', 8)), lib(T, 'zlibwapi.dll', 'zlib', null),
];
const cudnnSource = (dir: string, major: number, names = CUDNN8): { dir: string; files: LibFile[] } =>
  ({ dir, files: names.map((n) => lib(`${dir}/bin`, n.replace(/_8\.dll$/, `_${major}.dll`), 'cudnn', major, 200)) });

describe('matchSwap (facts.md §6 rules)', () => {
  test('cuDNN 8 → 8: every cuDNN file paired, zlibwapi kept with a note', () => {
    const r = matchSwap({ targets: cu118Targets, cuda: null, cudnn: cudnnSource('/dl/a', 8), cudnnBuiltForCuda: 11 });
    expect(r.refusals).toEqual([]);
    expect(r.pairs.map((p) => p.target.split('/').pop())).toEqual(CUDNN8);
    expect(r.pairs.every((p) => p.action === 'replace' && p.oldBytes === 100 && p.newBytes === 200)).toBe(true);
    expect(r.notes.map((n) => english(n)).join(' ')).toContain('zlibwapi.dll is kept');
  });

  test('never cuDNN 9 over 8', () => {
    const r = matchSwap({ targets: cu118Targets, cuda: null, cudnn: cudnnSource('/dl/nine', 9), cudnnBuiltForCuda: 11 });
    expect(r.pairs).toEqual([]);
    expect(r.refusals).toMatchObject([{ code: 'cudnn-major-mismatch', message: expect.stringContaining('never cuDNN 9 over 8') }]);
  });

  test('never CUDA 12 over 11', () => {
    const cuda = { dir: '/cuda/v12.1', files: [lib('/cuda/v12.1/bin', 'cudart64_12.dll', 'cudart', 12), lib('/cuda/v12.1/bin', 'cublas64_12.dll', 'cublas', 12), lib('/cuda/v12.1/bin', 'cublasLt64_12.dll', 'cublas', 12)] };
    const r = matchSwap({ targets: cu118Targets, cuda, cudnn: null, cudnnBuiltForCuda: null });
    expect(r.refusals.map((x) => x.code)).toEqual(['cuda-major-mismatch', 'cuda-major-mismatch']);
  });

  test('a cuDNN built for CUDA 12 is refused for a CUDA 11 torch; a missing file is refused by name', () => {
    expect(matchSwap({ targets: cu118Targets, cuda: null, cudnn: cudnnSource('/dl/a', 8), cudnnBuiltForCuda: 12 }).refusals).toMatchObject([{ code: 'cudnn-cuda-mismatch' }]);
    const partial = cudnnSource('/dl/p', 8, CUDNN8.slice(0, 3));
    expect(matchSwap({ targets: cu118Targets, cuda: null, cudnn: partial, cudnnBuiltForCuda: 11 }).refusals).toMatchObject([{ code: 'source-file-missing', message: expect.stringContaining('cudnn_ops_infer64_8.dll') }]);
  });

  test('CUDA 12 → 12 brings nvJitLink along (created when torch/lib lacks it)', () => {
    const targets = [lib(T, 'cudart64_12.dll', 'cudart', 12), lib(T, 'cublas64_12.dll', 'cublas', 12), lib(T, 'cublasLt64_12.dll', 'cublas', 12)];
    const B = '/cuda/v12.4/bin';
    const cuda = { dir: '/cuda/v12.4', files: [lib(B, 'cudart64_12.dll', 'cudart', 12), lib(B, 'cublas64_12.dll', 'cublas', 12), lib(B, 'cublasLt64_12.dll', 'cublas', 12), lib(B, 'nvJitLink_120_0.dll', 'nvjitlink', 12)] };
    const r = matchSwap({ targets, cuda, cudnn: null, cudnnBuiltForCuda: null });
    expect(r.refusals).toEqual([]);
    expect(r.pairs.find((p) => p.component === 'nvjitlink')).toMatchObject({ action: 'create', target: `${T}/nvJitLink_120_0.dll` });
  });

  test('Linux: hashed torch/lib names match the toolkit SONAMEs', () => {
    const targets = [lib('/sp/torch/lib', 'libcudart-e409450e.so.11.0', 'cudart', 11)];
    const cuda = { dir: '/usr/local/cuda-11.8', files: [lib('/usr/local/cuda-11.8/lib64', 'libcudart.so.11.0', 'cudart', 11)] };
    const r = matchSwap({ targets, cuda, cudnn: null, cudnnBuiltForCuda: null });
    expect(r.pairs).toMatchObject([{ target: '/sp/torch/lib/libcudart-e409450e.so.11.0', source: '/usr/local/cuda-11.8/lib64/libcudart.so.11.0' }]);
  });
});
