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
    expect(appRequirements('sdnext')).toMatchObject({ confirmed: false, maxTorch: null, tested: null });
    expect(appRequirements('comfyui')).toMatchObject({ needsTorchaudio: true, maxTorch: null, bounds: { max: { confirmed: false } } });
  });
  it('gives every app TorchLift upgrades a lower/upper bound or says there is none, each with a source', () => {
    expect(appRequirements('forge')).toMatchObject({ minTorch: '2.1.0', maxTorch: '2.4', confirmed: true, preferXformers: true, tested: { torch: '2.3.1', xformers: '0.0.27' } });
    expect(appRequirements('a1111')).toMatchObject({ maxTorch: '2.7', tested: { torch: '2.1.2', cudaTags: ['cu121'], xformers: '0.0.23.post1', confirmed: true } });
    for (const app of ['a1111', 'aki', 'forge', 'comfyui', 'comfyui-portable', 'kohya_ss', 'sd-scripts', 'onetrainer'] as const) {
      const row = appRequirements(app);
      expect(row?.app, app).toBe(app);
      expect(row?.bounds?.max, app).toBeDefined();
      // a bound is either a version with a source, or none with the source that says so
      if (row?.maxTorch !== null) expect(row?.bounds?.max?.source, app).toMatch(/^https:\/\/github\.com\//);
      if (row?.tested) expect(row.tested.source, app).toMatch(/^https:\/\/github\.com\//);
    }
    expect(appRequirements('aki')?.confirmed).toBe(false);
  });
});
