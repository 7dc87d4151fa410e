import { describe, expect, it } from 'vitest';
import { classifyLibraryName, isDllName, libraryKey } from './library-name.js';

describe('classifyLibraryName', () => {
  it.each([
    ['cudnn_ops_infer64_8.dll', 'cudnn', 8],
    ['cudnn64_8.dll', 'cudnn', 8],
    ['cudnn_engines_precompiled64_9.dll', 'cudnn', 9],
    ['cublasLt64_12.dll', 'cublas', 12],
    ['cublas64_11.dll', 'cublas', 11],
    ['cudart64_110.dll', 'cudart', 11],
    ['cudart64_12.dll', 'cudart', 12],
    ['cudart64_92.dll', 'cudart', 9],
    ['cufft64_10.dll', 'cufft', 10],
    ['cufftw64_11.dll', 'cufft', 11],
    ['curand64_10.dll', 'curand', 10],
    ['cusolverMg64_11.dll', 'cusolver', 11],
    ['cusparse64_12.dll', 'cusparse', 12],
    ['nvrtc64_112_0.dll', 'nvrtc', 11],
    ['nvrtc64_120_0.dll', 'nvrtc', 12],
    ['nvrtc-builtins64_118.dll', 'nvrtc', 11],
    ['nvrtc-builtins64_128.dll', 'nvrtc', 12],
    ['nvJitLink_120_0.dll', 'nvjitlink', 12],
    ['nvToolsExt64_1.dll', 'nvtx', 1],
    ['cupti64_2023.1.1.dll', 'cupti', null],
    ['zlibwapi.dll', 'zlib', null],
    ['libcudnn_cnn.so.9', 'cudnn', 9],
    ['libcudnn.so.8', 'cudnn', 8],
    ['libcudnn_ops_infer.so.8', 'cudnn', 8],
    ['libcudart.so.12', 'cudart', 12],
    ['libcudart.so.11.0', 'cudart', 11],
    ['libcudart-e409450e.so.11.0', 'cudart', 11],
    ['libcublasLt.so.13', 'cublas', 13],
    ['libnvrtc-builtins.so.12.8', 'nvrtc', 12],
    ['libnvJitLink.so.12', 'nvjitlink', 12],
    ['libnccl.so.2', 'nccl', 2],
    ['libcusparseLt.so.0', 'other', 0],
    ['libcudart.so', 'cudart', null],
  ] as const)('%s → %s %s', (file, component, major) => {
    expect(classifyLibraryName(file)).toMatchObject({ component, major });
  });

  it.each(['torch_cuda.dll', 'c10_cuda.dll', 'caffe2_nvrtc.dll', 'libtorch_cpu.so', 'fbgemm.dll', 'cudnn.lib', '__init__.py', 'libgomp.so.1'])(
    'ignores %s', (file) => {
      expect(classifyLibraryName(file)).toBeNull();
    });

  // The DLL swap's cases (formerly goals/dll-swap/library-key.ts, a second classifier that disagreed: it keyed any
  // .dll, torch_cuda.dll included, and no Linux name with a '-' such as libnvrtc-builtins.so.12).
  it.each([
    ['cudnn_cnn_infer64_8.dll', 'cudnn_cnn_infer64_8.dll'],
    ['cublasLt64_12.dll', 'cublaslt64_12.dll'],
    ['CUDART64_110.DLL', 'cudart64_110.dll'],
    ['zlibwapi.dll', 'zlibwapi.dll'],
    ['libcudart-e409450e.so.11.0', 'libcudart.so.11'],
    ['libcudart.so.12.1.105', 'libcudart.so.12'],
    ['libcublasLt.so.12', 'libcublaslt.so.12'],
    ['libnvrtc-builtins.so.12.8', 'libnvrtc-builtins.so.12'],
    ['libcudnn_ops_infer.so.8', 'libcudnn_ops_infer.so.8'],
    ['libcudnn.so', null],
    ['torch_cuda.dll', null],
    ['libgomp.so.1', null],
  ] as const)('key of %s is %s', (file, key) => {
    expect(libraryKey(file)).toBe(key);
    expect(classifyLibraryName(file)?.key ?? null).toBe(key);
  });

  it('one answer for both callers: a keyed file is a classified one, and files with one key agree on component and major', () => {
    const names = [
      'cudart64_12.dll', 'CUDART64_12.DLL', 'cublas64_12.dll', 'cudnn_ops_infer64_8.dll', 'libcudart.so.12', 'libcudart-0123abcd.so.12.4.127',
      'libcudart.so.12.8.90', 'libcublasLt-1a2b3c4d.so.12', 'libcublasLt.so.12.8.4.1', 'libcudnn_cnn.so.9', 'libcudnn_cnn.so.9.1.0',
      'libnvJitLink.so.12', 'nvJitLink_120_0.dll', 'libcudart.so.11.0', 'libcudart.so.11.8.89', 'fbgemm.dll', 'libtorch_cuda.so',
    ];
    const byKey = new Map<string, { component: string; major: number | null }>();
    for (const n of names) {
      const c = classifyLibraryName(n);
      const key = libraryKey(n);
      if (key === null) continue;
      expect(c, n).not.toBeNull();
      const seen = byKey.get(key);
      if (seen) expect({ component: c?.component, major: c?.major }, `${n} vs ${key}`).toEqual(seen);
      else byKey.set(key, { component: c?.component ?? '', major: c?.major ?? null });
    }
    expect(libraryKey('libcudart.so.12.8.90')).toBe(libraryKey('libcudart-0123abcd.so.12.4.127'));
    expect(libraryKey('libcudart.so.11.8.89')).not.toBe(libraryKey('libcudart.so.12'));
    expect(isDllName('cudnn64_8.DLL')).toBe(true);
    expect(isDllName('libcudnn.so.8')).toBe(false);
  });
});
