import { describe, expect, it } from 'vitest';
import { classifyLibraryName } from './library-name.js';

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
    expect(classifyLibraryName(file)).toEqual({ component, major });
  });

  it.each(['torch_cuda.dll', 'c10_cuda.dll', 'caffe2_nvrtc.dll', 'libtorch_cpu.so', 'fbgemm.dll', 'cudnn.lib', '__init__.py', 'libgomp.so.1'])(
    'ignores %s', (file) => {
      expect(classifyLibraryName(file)).toBeNull();
    });
});
