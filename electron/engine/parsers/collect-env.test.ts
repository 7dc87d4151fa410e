import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../e2e/fixtures/samples.js';
import { firstToken, meansNull, parseExpected, splitTopLevel, withoutNotes } from '../../../e2e/fixtures/expected.js';
import { parseCollectEnv } from './collect-env.js';

const unquote = (value: string): string => value.replace(/^'(.*)'$/, '$1');
const versionOrNull = (value: string): string | null => (meansNull(value) ? null : firstToken(value));

/** "[TITAN RTX, TITAN RTX] (note)", "4x Tesla P100-PCIE-16GB", "Could not collect". */
function expectedGpuNames(value: string): string[] {
  if (meansNull(value)) return [];
  const times = /^(\d+)x\s+(.+)$/.exec(value);
  if (times?.[1] !== undefined && times[2] !== undefined) return Array(Number(times[1])).fill(withoutNotes(times[2])) as string[];
  const list = /^\[(.*)\]/.exec(value);
  if (list?.[1] !== undefined) return splitTopLevel(list[1], ',').map((name) => unquote(withoutNotes(name)));
  return [unquote(withoutNotes(value))];
}

describe('parseCollectEnv on every D sample (generic EXPECTED check)', () => {
  const samples = loadSamples('D_collect_env');
  it('found samples', () => expect(samples.length).toBeGreaterThan(0));
  for (const sample of samples) {
    it(sample.file, () => {
      const e = parseExpected(sample.header.EXPECTED);
      const parsed = parseCollectEnv(sample.text);
      expect(e.torch, 'EXPECTED has torch').toBeDefined();
      if (e.torch !== undefined) expect(parsed.torchVersion).toBe(firstToken(e.torch));
      if (e.cuda_build !== undefined) expect(parsed.torchCudaVersion).toBe(versionOrNull(e.cuda_build));
      if (e.cuda_available !== undefined) expect(parsed.cudaAvailable).toBe(/^(?:Yes|True)\b/i.test(e.cuda_available));
      if (e.cuda_runtime !== undefined) expect(parsed.cudaRuntimeVersion).toBe(versionOrNull(e.cuda_runtime));
      if (e.driver !== undefined) expect(parsed.driverVersion).toBe(versionOrNull(e.driver));
      const gpus = e.gpus ?? e.gpu;
      if (gpus !== undefined) expect(parsed.gpus).toEqual(expectedGpuNames(gpus));
      if (e.cudnn !== undefined) expect(parsed.cudnnVersion).toBe(versionOrNull(e.cudnn));
      if (e.python !== undefined) expect(parsed.pythonVersion).toBe(firstToken(e.python));
      if (e.os !== undefined) expect(parsed.os?.startsWith(withoutNotes(e.os))).toBe(true);
      if (e.rocm_build !== undefined) expect(parsed.rocmVersion).toBe(versionOrNull(e.rocm_build));
      expect(parsed.isRocm).toBe(e.rocm_build !== undefined && !meansNull(e.rocm_build));
    });
  }
});

describe('parseCollectEnv', () => {
  it('reads "Probably one of the following" cuDNN lists, True/False and the [pip]/[conda] sections', () => {
    const text = [
      'PyTorch version: 2.1.2+cu121',
      'Is debug build: False',
      'CUDA used to build PyTorch: 12.1',
      'ROCM used to build PyTorch: N/A',
      'OS: Ubuntu 22.04.3 LTS (x86_64)',
      'Python version: 3.10.12 (main, Nov 20 2023, 15:14:05) [GCC 11.4.0] (64-bit runtime)',
      'Is CUDA available: True',
      'CUDA runtime version: 12.1.105',
      'GPU models and configuration: GPU 0: NVIDIA GeForce RTX 4090',
      'Nvidia driver version: 545.23.08',
      'cuDNN version: Probably one of the following:',
      '/usr/lib/x86_64-linux-gnu/libcudnn.so.8.9.2',
      '/usr/lib/x86_64-linux-gnu/libcudnn_adv_infer.so.8.9.2',
      'HIP runtime version: N/A',
      '',
      'Versions of relevant libraries:',
      '[pip3] numpy==1.26.2',
      '[pip3] torch==2.1.2',
      '[pip3] triton==2.1.0',
      '[conda] pytorch                   1.10.2          py3.8_cuda11.3_cudnn8.2.0_0    pytorch',
    ].join('\r\n');
    expect(parseCollectEnv(text)).toEqual({
      torchVersion: '2.1.2+cu121',
      torchCudaVersion: '12.1',
      cudaAvailable: true,
      cudaRuntimeVersion: '12.1.105',
      driverVersion: '545.23.08',
      gpus: ['NVIDIA GeForce RTX 4090'],
      cudnnVersion: '8.9.2',
      pythonVersion: '3.10.12',
      os: 'Ubuntu 22.04.3 LTS',
      rocmVersion: null,
      isRocm: false,
      pip: { numpy: '1.26.2', torch: '2.1.2', triton: '2.1.0' },
      conda: { pytorch: '1.10.2' },
    });
  });

  it('falls back to [pip] torch when the PyTorch line is missing, and reads a plain cuDNN number', () => {
    const parsed = parseCollectEnv('Is CUDA available: No\ncuDNN version: 8.9.7\n[pip] torch==2.2.0+cpu\n');
    expect(parsed).toMatchObject({ torchVersion: '2.2.0+cpu', cudaAvailable: false, cudnnVersion: '8.9.7', gpus: [] });
  });

  it('reads the GitHub issue-template form ("- PyTorch Version (e.g., 1.0): ...")', () => {
    const text = '- PyTorch Version (e.g., 1.0): 1.2.0\n- OS (e.g., Linux): Ubuntu 18.04\n- Python version: 3.7\n- GPU models and configuration: RTX 2080\n';
    expect(parseCollectEnv(text)).toMatchObject({ torchVersion: '1.2.0', os: 'Ubuntu 18.04', pythonVersion: '3.7', gpus: ['RTX 2080'] });
  });

  it('returns nulls for unrelated text', () => {
    expect(parseCollectEnv('Bonjour\n你好')).toMatchObject({ torchVersion: null, cudaAvailable: null, gpus: [], isRocm: false, pip: {} });
  });
});
