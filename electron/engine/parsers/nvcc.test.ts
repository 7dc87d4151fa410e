import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../e2e/fixtures/samples.js';
import { firstToken, parseExpected } from '../../../e2e/fixtures/expected.js';
import { parseNvccVersion } from './nvcc.js';
import { parseNvidiaSmi } from './nvidia-smi.js';

describe('parseNvccVersion on every C sample (generic EXPECTED check)', () => {
  const samples = loadSamples('C_nvcc');
  it('found samples', () => expect(samples.length).toBeGreaterThan(0));
  for (const sample of samples) {
    it(sample.file, () => {
      const expected = parseExpected(sample.header.EXPECTED);
      const parsed = parseNvccVersion(sample.text);
      expect(expected.toolkit, 'EXPECTED has toolkit').toBeDefined();
      const full = /\((V[\d.]+)\)/.exec(expected.toolkit ?? '')?.[1];
      expect(parsed?.version).toBe(firstToken(expected.toolkit ?? ''));
      if (full !== undefined) expect(parsed?.full).toBe(full);
      if (expected.build !== undefined) expect(parsed?.build).toBe(firstToken(expected.build));
      // Pre-11 outputs have no Build line; the header says so in prose.
      if (/no 'Build' line/.test(sample.header.EXPECTED ?? '')) expect(parsed?.build).toBeNull();
      if (expected.driver !== undefined) expect(parseNvidiaSmi(sample.text).driverVersion).toBe(firstToken(expected.driver));
    });
  }
});

describe('parseNvccVersion', () => {
  it('reads CUDA 12 output with CRLF and the Build line', () => {
    const text =
      'nvcc: NVIDIA (R) Cuda compiler driver\r\nCopyright (c) 2005-2024 NVIDIA Corporation\r\nBuilt on Thu_Mar_28_02:30:10_Pacific_Daylight_Time_2024\r\nCuda compilation tools, release 12.4, V12.4.131\r\nBuild cuda_12.4.r12.4/compiler.34097967_0\r\n';
    expect(parseNvccVersion(text)).toEqual({ version: '12.4', full: 'V12.4.131', build: 'cuda_12.4.r12.4/compiler.34097967_0' });
  });

  it('accepts a release line without the V build number', () => {
    expect(parseNvccVersion('Cuda compilation tools, release 5.5')).toEqual({ version: '5.5', full: 'V5.5', build: null });
  });

  it('returns null for other text (e.g. command not found)', () => {
    expect(parseNvccVersion("'nvcc' n'est pas reconnu en tant que commande interne")).toBeNull();
    expect(parseNvccVersion('')).toBeNull();
  });
});
