import { afterEach, describe, expect, it, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { loadSamples, parseSample, samplesDir } from '../../../e2e/fixtures/samples.js';
import { parseExpected, splitTopLevel } from '../../../e2e/fixtures/expected.js';

describe('sample loader', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('splits header and verbatim text, joins multi-line header values and keeps # lines inside the text', () => {
    const content = [
      '# SOURCE: somewhere',
      '# EXPECTED: driver=1; gpus=[0: A',
      '#   continued]',
      '# EXPECTED (#1): prose',
      '# ---- BEGIN VERBATIM (#1) ----',
      '#export COMMANDLINE_ARGS=""',
      'line two   ',
      '# ---- BEGIN VERBATIM (#2) ----',
      'second',
      '# ---- END ----',
    ].join('\n');
    const sample = parseSample('x.txt', content);
    expect(sample.header).toEqual({ SOURCE: 'somewhere', EXPECTED: 'driver=1; gpus=[0: A continued]', 'EXPECTED (#1)': 'prose' });
    expect(sample.sections).toEqual(['#export COMMANDLINE_ARGS=""\nline two   ', 'second']);
    expect(sample.text).toBe('#export COMMANDLINE_ARGS=""\nline two   \nsecond');
  });

  it('loads every category with a header and text', () => {
    for (const category of ['A_nvidia_smi', 'B_nvidia_smi_query', 'C_nvcc', 'D_collect_env', 'E_error_logs', 'F_launch_configs'] as const) {
      const samples = loadSamples(category);
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) {
        expect(sample.header.SOURCE, `${category}/${sample.file}`).toBeTruthy();
        expect(sample.text.trim(), `${category}/${sample.file}`).not.toBe('');
      }
    }
  });

  it('honours TORCHLIFT_SAMPLES and throws a clear error for a missing folder', () => {
    const missing = path.join(os.tmpdir(), 'tl-no-samples-here');
    vi.stubEnv('TORCHLIFT_SAMPLES', missing);
    expect(samplesDir()).toBe(missing);
    expect(() => loadSamples('C_nvcc')).toThrow(/Samples folder not found/);
  });
});

describe('EXPECTED header reader', () => {
  it('splits on ; outside brackets, parentheses and quotes', () => {
    expect(splitTopLevel("a=1; b=[x; y]; c='p;q' (r; s); d", ';')).toEqual(['a=1', 'b=[x; y]', "c='p;q' (r; s)", 'd']);
  });

  it('normalises keys and drops prose parts', () => {
    expect(parseExpected('cuda_runtime(nvcc)=10.1.243; max_cuda (CUDA UMD)=13.3 (from text); python/venv default')).toEqual({
      cuda_runtime: '10.1.243',
      max_cuda: '13.3 (from text)',
    });
  });
});
