import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../e2e/fixtures/samples.js';
import { parseXformersReport } from './xformers.js';

describe('parseXformersReport', () => {
  it('reads the one-line warning', () => {
    const text =
      "xFormers can't load C++/CUDA extensions. xFormers was built for: PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.3.0+cu121) Python 3.10.11 (you have 3.10.6) Please reinstall xformers (see https://github.com/facebookresearch/xformers#installing-xformers)";
    expect(parseXformersReport(text)).toMatchObject({
      xformersVersion: null,
      builtForTorch: '2.1.2+cu121',
      builtForCuda: '12.1',
      builtForPython: '3.10.11',
      installedTorch: '2.3.0+cu121',
      installedPython: '3.10.6',
    });
  });

  it('reads the wrapped warning plus xformers.info from sample E/001 (CPU torch installed)', () => {
    const sample = loadSamples('E_error_logs').find((s) => s.file === '001.txt');
    expect(sample).toBeDefined();
    const parsed = parseXformersReport(sample?.text ?? '');
    expect(parsed).toMatchObject({
      xformersVersion: '0.0.25.dev741',
      builtForTorch: '2.2.0+cu121',
      builtForCuda: '12.1',
      builtForPython: '3.11.7',
      installedTorch: '2.2.0+cpu',
      installedPython: '3.11.0',
    });
    expect(parsed.evidence).toContain('xFormers 0.0.25.dev741');
  });

  it('reads sample E/004 (warning lines without indentation, blank line inside)', () => {
    const sample = loadSamples('E_error_logs').find((s) => s.file === '004.txt');
    expect(parseXformersReport(sample?.text ?? '')).toMatchObject({
      builtForTorch: '2.1.0+cu121',
      builtForCuda: '12.1',
      installedTorch: '2.0.1+cu118',
      builtForPython: '3.10.13',
      installedPython: '3.10.10',
    });
  });

  it('reads python -m xformers.info key lines', () => {
    const text = [
      'xFormers 0.0.21+320b5ad.d20230915',
      'memory_efficient_attention.cutlassF:               available',
      'is_triton_available:                               True',
      'pytorch.version:                                   2.0.1+cu118',
      'pytorch.cuda:                                      available',
      'build.info:                                        available',
      'build.cuda_version:                                1108',
      'build.python_version:                              3.10.12',
      'build.torch_version:                               2.0.1+cu118',
    ].join('\r\n');
    expect(parseXformersReport(text)).toMatchObject({
      xformersVersion: '0.0.21+320b5ad.d20230915',
      builtForTorch: '2.0.1+cu118',
      builtForCuda: '11.8',
      builtForPython: '3.10.12',
      installedTorch: '2.0.1+cu118',
      installedPython: null,
    });
  });

  it('returns all nulls for unrelated text', () => {
    expect(parseXformersReport('Torch not compiled with CUDA enabled')).toEqual({
      xformersVersion: null,
      builtForTorch: null,
      builtForCuda: null,
      builtForPython: null,
      installedTorch: null,
      installedPython: null,
      evidence: [],
    });
  });
});
