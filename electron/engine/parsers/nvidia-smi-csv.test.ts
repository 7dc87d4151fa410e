import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiQueryCsv } from './nvidia-smi.js';

const FULL = ['index', 'name', 'driver_version', 'memory.total', 'compute_cap'] as const;
const FALLBACK = ['index', 'name', 'driver_version', 'memory.total'] as const;

describe('parseNvidiaSmiQueryCsv', () => {
  it('reads our query with noheader,nounits for two GPUs (CRLF)', () => {
    const text = '0, NVIDIA GeForce RTX 4090, 560.94, 24564, 8.9\r\n1, NVIDIA GeForce GTX 1080 Ti, 560.94, 11264, 6.1\r\n';
    expect(parseNvidiaSmiQueryCsv(text, FULL)).toEqual({
      driverVersion: '560.94',
      gpus: [
        { index: 0, name: 'NVIDIA GeForce RTX 4090', nameTruncated: false, memoryTotalMiB: 24564, memoryUsedMiB: null, computeCapability: '8.9', uuid: null },
        { index: 1, name: 'NVIDIA GeForce GTX 1080 Ti', nameTruncated: false, memoryTotalMiB: 11264, memoryUsedMiB: null, computeCapability: '6.1', uuid: null },
      ],
    });
  });

  it('reads the fallback query without compute_cap', () => {
    const parsed = parseNvidiaSmiQueryCsv('0, GeForce GTX 1070, 470.182.03, 8119\n', FALLBACK);
    expect(parsed.driverVersion).toBe('470.182.03');
    expect(parsed.gpus[0]).toMatchObject({ name: 'GeForce GTX 1070', memoryTotalMiB: 8119, computeCapability: null });
  });

  it('turns [N/A] into null and tolerates units and a header line', () => {
    const text = 'index, name, driver_version, memory.total [MiB], compute_cap\n0, NVIDIA A100-SXM4-40GB MIG 1g.5gb, 535.54.03, [N/A], [N/A]\n';
    const parsed = parseNvidiaSmiQueryCsv(text, FULL);
    expect(parsed.gpus).toHaveLength(1);
    expect(parsed.gpus[0]).toMatchObject({ index: 0, memoryTotalMiB: null, computeCapability: null });
    expect(parseNvidiaSmiQueryCsv('0, Tesla T4, 535.54.03, 15360 MiB, 7.5', FULL).gpus[0]?.memoryTotalMiB).toBe(15360);
  });

  it('keeps a comma inside a GPU name', () => {
    const parsed = parseNvidiaSmiQueryCsv('0, NVIDIA RTX A6000, Ada Generation, 550.54.14, 49140, 8.9\n', FULL);
    expect(parsed.gpus[0]).toMatchObject({ name: 'NVIDIA RTX A6000, Ada Generation', memoryTotalMiB: 49140, computeCapability: '8.9' });
    expect(parsed.driverVersion).toBe('550.54.14');
  });

  it('skips error text and rows that do not fit the fields', () => {
    const text = 'Field "compute_cap" is not a valid field to query.\n\nNVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.\n';
    expect(parseNvidiaSmiQueryCsv(text, FULL)).toEqual({ driverVersion: null, gpus: [] });
    expect(parseNvidiaSmiQueryCsv('', FULL)).toEqual({ driverVersion: null, gpus: [] });
  });

  it('uses row order when the fields have no index, and accepts gpu_name/uuid aliases', () => {
    const parsed = parseNvidiaSmiQueryCsv('NVIDIA L4, GPU-abc-123\nNVIDIA L4, GPU-def-456\n', ['gpu_name', 'gpu_uuid']);
    expect(parsed.gpus.map((g) => [g.index, g.name, g.uuid])).toEqual([
      [0, 'NVIDIA L4', 'GPU-abc-123'],
      [1, 'NVIDIA L4', 'GPU-def-456'],
    ]);
  });
});
