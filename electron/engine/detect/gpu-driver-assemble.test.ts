import { describe, expect, it } from 'vitest';
import type { RunResult } from '../process/run.js';
import { assembleGpuDriver, notInstalledDriver, type SmiRuns } from './gpu-driver-assemble.js';

const res = (over: Partial<RunResult>): RunResult => ({
  name: 'nvidia-smi', command: 'nvidia-smi', args: [], ok: true, exitCode: 0, signal: null, stdout: '', stderr: '',
  durationMs: 1, timedOut: false, isCanceled: false, spawnError: null, ...over,
});
const fail = (text: string, code = 9): RunResult => res({ ok: false, exitCode: code, stdout: text });

const TABLE = `| NVIDIA-SMI 472.12       Driver Version: 472.12       CUDA Version: 11.4     |
|-------------------------------+----------------------+----------------------+
| GPU  Name            TCC/WDDM | Bus-Id        Disp.A | Volatile Uncorr. ECC |
|===============================+======================+======================|
|   0  NVIDIA GeForce ... WDDM  | 00000000:01:00.0 Off |                  N/A |
| N/A   45C    P8     3W /  N/A |    100MiB /  6144MiB |      0%      Default |
+-------------------------------+----------------------+----------------------+
`;

const base = (over: Partial<SmiRuns>): SmiRuns => ({
  smiPath: '/x/nvidia-smi', platform: 'windows', query: null, queryFields: ['index', 'name', 'driver_version', 'memory.total', 'compute_cap'],
  table: null, detailed: null, deriveMaxCuda: () => '12.3', lookupCc: (n) => (n.includes('1660') ? '7.5' : null), ...over,
});

describe('assembleGpuDriver', () => {
  it('query failed for an unknown reason → GPUs from the table; a truncated name is flagged, CC not guessed', () => {
    const r = assembleGpuDriver(base({ query: fail('weird error', 3), table: res({ stdout: TABLE }) }));
    expect(r.driver).toMatchObject({ status: 'ok', version: '472.12', maxCudaVersion: '11.4' });
    expect(r.gpus).toHaveLength(1);
    expect(r.gpus[0]).toMatchObject({ index: 0, nameTruncated: true, memoryTotalMiB: 6144 });
  });

  it('"No devices were found" → unknown status with an explanation', () => {
    const r = assembleGpuDriver(base({ query: fail('No devices were found\n', 6), table: fail('No devices were found\n', 6) }));
    expect(r.driver.status).toBe('unknown');
    expect(r.driver.message).toMatch(/reports no GPU/);
    expect(r.gpus).toEqual([]);
  });

  it('a spawn failure is explained, not thrown', () => {
    const spawn = res({ ok: false, exitCode: null, spawnError: 'spawn EACCES' });
    const r = assembleGpuDriver(base({ query: spawn, table: spawn }));
    expect(r.driver.status).toBe('unknown');
    expect(r.driver.message).toMatch(/could not be started.*EACCES/);
  });

  it('unexplained output → unknown with the first line quoted', () => {
    const r = assembleGpuDriver(base({ query: fail('Segmentation fault\nmore', 139), table: fail('', 139) }));
    expect(r.driver).toMatchObject({ status: 'unknown', version: null });
    expect(r.driver.message).toMatch(/Segmentation fault/);
  });

  it('not installed: mentions both meanings and where it looked', () => {
    const r = notInstalledDriver(['C:\\Windows\\System32\\nvidia-smi.exe']);
    expect(r.driver.status).toBe('not-installed');
    expect(r.driver.message).toMatch(/no NVIDIA driver is installed, or this computer has no NVIDIA GPU/);
    expect(r.driver.message).toContain('System32');
  });
});
