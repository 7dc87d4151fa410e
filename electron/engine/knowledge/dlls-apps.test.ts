import { describe, expect, it } from 'vitest';
import { appRequirements } from './apps.js';
import { classifyTorchLibFile, windowsDllNames } from './dlls.js';

describe('windowsDllNames', () => {
  it('lists CUDA 12 + cuDNN 9 names', () => {
    const n = windowsDllNames(12, 9);
    expect(n?.cuda).toContain('cudart64_12.dll');
    expect(n?.cudnn).toContain('cudnn_graph64_9.dll');
    expect(n?.companions).toContain('torch_cuda.dll');
    expect(n?.companions).not.toContain('zlibwapi.dll');
    expect(n?.confirmed).toBe(true);
  });
  it('adds zlibwapi for cuDNN 8 and marks CUDA 13 unconfirmed', () => {
    expect(windowsDllNames(11, 8)?.companions).toContain('zlibwapi.dll');
    expect(windowsDllNames(13, 9)?.confirmed).toBe(false);
    expect(windowsDllNames(10, 7)).toBeNull();
  });
  it('classifies torch\\lib files', () => {
    expect(classifyTorchLibFile('cudnn_cnn_infer64_8.dll')).toBe('cudnn');
    expect(classifyTorchLibFile('NVRTC-BUILTINS64_128.DLL')).toBe('cuda');
    expect(classifyTorchLibFile('fbgemm.dll')).toBe('companion');
    expect(classifyTorchLibFile('readme.txt')).toBeNull();
  });
});

describe('appRequirements', () => {
  it('gives A1111 1.8+ torch 2.1.2 and older rows by version', () => {
    expect(appRequirements('a1111')?.minTorch).toBe('2.1.2');
    expect(appRequirements('a1111', 'v1.10.1')?.xformersPackage).toBe('xformers==0.0.23.post1');
    expect(appRequirements('a1111', '1.6.0')?.minTorch).toBe('2.0.1');
  });
  it('marks apps without sources unconfirmed', () => {
    expect(appRequirements('forge')).toMatchObject({ minTorch: '2.1.0', confirmed: false, preferXformers: true });
    expect(appRequirements('comfyui')?.needsTorchaudio).toBe(true);
  });
});
