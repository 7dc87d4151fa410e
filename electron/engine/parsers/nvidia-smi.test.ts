import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../e2e/fixtures/samples.js';
import { firstToken, meansNull, parseExpected, parseExpectedGpus, withoutNotes } from '../../../e2e/fixtures/expected.js';
import { parseNvidiaSmi } from './nvidia-smi.js';

const samples = [...loadSamples('A_nvidia_smi'), ...loadSamples('B_nvidia_smi_query')];

describe('parseNvidiaSmi on every A/B sample (generic EXPECTED check)', () => {
  it('found samples', () => expect(samples.length).toBeGreaterThan(0));
  for (const sample of samples) {
    const label = `${sample.header.CATEGORY?.slice(0, 1) ?? '?'}/${sample.file}`;
    it(label, () => {
      const expected = parseExpected(sample.header.EXPECTED);
      const parsed = parseNvidiaSmi(sample.text);
      expect(Object.keys(expected).length, 'EXPECTED header has keys').toBeGreaterThan(0);
      if (expected.driver !== undefined) expect(parsed.driverVersion).toBe(firstToken(expected.driver));
      if (expected.max_cuda !== undefined) {
        expect(parsed.maxCudaVersion).toBe(meansNull(expected.max_cuda) ? null : firstToken(expected.max_cuda));
      }
      const count = expected.gpu_count ?? expected.attached_gpus;
      if (count !== undefined) expect(parsed.gpus).toHaveLength(Number(firstToken(count)));
      if (expected.gpus !== undefined) {
        for (const gpu of parseExpectedGpus(expected.gpus)) {
          const got = parsed.gpus.find((g) => g.index === gpu.index);
          expect(got?.name).toBe(gpu.name);
          expect(got?.nameTruncated).toBe(gpu.truncated);
          if (gpu.totalMiB !== null) expect(got?.memoryTotalMiB).toBe(gpu.totalMiB);
          if (gpu.usedMiB !== null) expect(got?.memoryUsedMiB).toBe(gpu.usedMiB);
        }
      }
      if (expected.gpu !== undefined) expect(parsed.gpus[0]?.name).toBe(withoutNotes(expected.gpu));
      if (expected['memory.total'] !== undefined) {
        expect(parsed.gpus[0]?.memoryTotalMiB).toBe(Number(firstToken(expected['memory.total'])));
      }
      if (expected.compute_cap !== undefined) expect(parsed.gpus[0]?.computeCapability).toBe(firstToken(expected.compute_cap));
      expect(parsed.format).not.toBe('unknown');
      expect(parsed.evidence.length).toBeGreaterThan(0);
    });
  }
});

describe('parseNvidiaSmi formats', () => {
  it('reads the newest KMD / CUDA UMD header', () => {
    const text = [
      '+-----------------------------------------------------------------------------------------+',
      '| NVIDIA-SMI 610.43.02              KMD Version: 610.43.02      CUDA UMD Version: 13.3     |',
      '|-----------------------------------------+------------------------+----------------------+',
      '|   0  NVIDIA GeForce RTX 5090        Off |   00000000:01:00.0  On |                  N/A |',
      '|  0%   36C    P5             17W /  575W |     430MiB /  32607MiB |      1%      Default |',
    ].join('\n');
    const parsed = parseNvidiaSmi(text);
    expect(parsed).toMatchObject({ format: 'table', driverVersion: '610.43.02', maxCudaVersion: '13.3' });
    expect(parsed.gpus).toEqual([
      expect.objectContaining({ index: 0, name: 'NVIDIA GeForce RTX 5090', nameTruncated: false, memoryTotalMiB: 32607, memoryUsedMiB: 430 }),
    ]);
  });

  it('reads KMD / CUDA UMD spellings in -q text', () => {
    const parsed = parseNvidiaSmi('==============NVSMI LOG==============\nKMD Version                         : 610.43.02\nCUDA UMD Version                    : 13.3\n');
    expect(parsed).toMatchObject({ format: 'query', driverVersion: '610.43.02', maxCudaVersion: '13.3' });
  });

  it('counts GPUs from "Attached GPUs" when a -q paste is cut after the first GPU', () => {
    const text = 'Driver Version : 535.54.03\nAttached GPUs : 2\nGPU 00000000:01:00.0\n    Product Name : NVIDIA A10\n';
    expect(parseNvidiaSmi(text).gpus.map((g) => [g.index, g.name])).toEqual([
      [0, 'NVIDIA A10'],
      [1, ''],
    ]);
  });

  it('reads an old header without CUDA Version', () => {
    const parsed = parseNvidiaSmi('| NVIDIA-SMI 396.24                 Driver Version: 396.24                    |');
    expect(parsed).toMatchObject({ format: 'table', driverVersion: '396.24', maxCudaVersion: null, gpus: [] });
  });

  it('reads -q memory and several GPUs', () => {
    const text = [
      'Driver Version                      : 450.66',
      'CUDA Version                        : 11.0',
      'Attached GPUs                       : 2',
      'GPU 00000000:01:00.0',
      '    Product Name                    : Tesla T4',
      '    GPU UUID                        : GPU-aaaa',
      '    FB Memory Usage',
      '        Total                       : 15109 MiB',
      '        Used                        : 0 MiB',
      '    BAR1 Memory Usage',
      '        Total                       : 256 MiB',
      'GPU 00000000:02:00.0',
      '    Product Name                    : Tesla V100-SXM2-16GB',
      '    FB Memory Usage',
      '        Total                       : 16160 MiB',
    ].join('\r\n');
    const parsed = parseNvidiaSmi(text);
    expect(parsed).toMatchObject({ format: 'query', driverVersion: '450.66', maxCudaVersion: '11.0' });
    expect(parsed.gpus.map((g) => [g.name, g.memoryTotalMiB, g.uuid])).toEqual([
      ['Tesla T4', 15109, 'GPU-aaaa'],
      ['Tesla V100-SXM2-16GB', 16160, null],
    ]);
  });

  it('reads -q -x XML with two GPUs, memory and the KMD / CUDA UMD tags', () => {
    const text = [
      '<?xml version="1.0" ?>',
      '<nvidia_smi_log>',
      '\t<kmd_version>610.43.02</kmd_version>',
      '\t<cuda_umd_version>13.3</cuda_umd_version>',
      '\t<gpu id="00000000:01:00.0">',
      '\t\t<product_name>NVIDIA GeForce RTX 5090</product_name>',
      '\t\t<uuid>GPU-1111</uuid>',
      '\t\t<fb_memory_usage><total>32607 MiB</total><reserved>400 MiB</reserved><used>1200 MiB</used></fb_memory_usage>',
      '\t\t<bar1_memory_usage><total>256 MiB</total></bar1_memory_usage>',
      '\t</gpu>',
      '\t<gpu id="00000000:02:00.0">',
      '\t\t<product_name>NVIDIA RTX A4000</product_name>',
    ].join('\n');
    const parsed = parseNvidiaSmi(text);
    expect(parsed).toMatchObject({ format: 'xml', driverVersion: '610.43.02', maxCudaVersion: '13.3' });
    expect(parsed.gpus.map((g) => [g.index, g.name, g.memoryTotalMiB, g.memoryUsedMiB, g.uuid])).toEqual([
      [0, 'NVIDIA GeForce RTX 5090', 32607, 1200, 'GPU-1111'],
      [1, 'NVIDIA RTX A4000', null, null, null],
    ]);
  });

  it('reads multi-GPU CSV without header or units, with [N/A]', () => {
    const text = '0, NVIDIA GeForce RTX 3090, 535.104.05, 24576, 8.6\n1, Tesla P40, 535.104.05, [N/A], 6.1\n';
    const parsed = parseNvidiaSmi(text);
    expect(parsed).toMatchObject({ format: 'csv', driverVersion: '535.104.05', maxCudaVersion: null });
    expect(parsed.gpus.map((g) => [g.index, g.name, g.memoryTotalMiB, g.computeCapability])).toEqual([
      [0, 'NVIDIA GeForce RTX 3090', 24576, '8.6'],
      [1, 'Tesla P40', null, '6.1'],
    ]);
  });

  it('prefers the full -L name over a truncated table name', () => {
    const text = [
      'GPU 0: NVIDIA GeForce RTX 4060 Laptop GPU (UUID: GPU-1234abcd-0000-0000-0000-000000000000)',
      '|   0  NVIDIA GeForce RTX 4060 ...  WDDM  |   00000000:01:00.0  On |                  N/A |',
      '| N/A   51C    P0             17W /   91W |    1026MiB /   8188MiB |      0%      Default |',
    ].join('\n');
    const [gpu] = parseNvidiaSmi(text).gpus;
    expect(gpu).toMatchObject({ name: 'NVIDIA GeForce RTX 4060 Laptop GPU', nameTruncated: false, memoryTotalMiB: 8188, uuid: 'GPU-1234abcd-0000-0000-0000-000000000000' });
  });

  it('tolerates quote prefixes, tabs, prompts and French / Chinese text around the output', () => {
    const text = [
      'Voici la sortie de ma carte graphique :',
      '> PS C:\\Users\\Éloïse> nvidia-smi',
      '> | NVIDIA-SMI 566.36                 Driver Version: 566.36         CUDA Version: 12.7     |',
      '> |   0  NVIDIA GeForce RTX 3060      WDDM  |\t00000000:01:00.0  On |                  N/A |',
      '> |  0%   40C    P8             15W /  170W |    1024MiB /  12288MiB |      3%      Default |',
      '显卡驱动已经是最新版本了，为什么还是报错？',
    ].join('\r\n');
    const parsed = parseNvidiaSmi(text);
    expect(parsed).toMatchObject({ driverVersion: '566.36', maxCudaVersion: '12.7' });
    expect(parsed.gpus).toHaveLength(1);
    expect(parsed.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 3060', memoryTotalMiB: 12288 });
  });

  it('does not take Windows process rows (memory N/A) for GPUs', () => {
    const text = [
      '| NVIDIA-SMI 560.94                 Driver Version: 560.94         CUDA Version: 12.6     |',
      '|   0  NVIDIA GeForce RTX 3080      WDDM  |   00000000:2B:00.0  On |                  N/A |',
      '| Processes:                                                                              |',
      '|    0   N/A  N/A      4160    C+G   ...5n1h2txyewy\\ShellExperienceHost.exe      N/A      |',
    ].join('\n');
    expect(parseNvidiaSmi(text).gpus).toHaveLength(1);
  });

  it('reads the truncated header of an error log (closing bar missing)', () => {
    const parsed = parseNvidiaSmi('| NVIDIA-SMI 470.86       Driver Version: 470.86       CUDA Version: 11.4\n|----');
    expect(parsed).toMatchObject({ driverVersion: '470.86', maxCudaVersion: '11.4' });
  });

  it('answers unknown for unrelated text', () => {
    expect(parseNvidiaSmi('Bonjour, 你好, nothing here')).toEqual({ format: 'unknown', driverVersion: null, maxCudaVersion: null, gpus: [], evidence: [] });
  });
});
