import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import { diagnoseReport } from '../doctor/diagnose-report.js';
import { detectGpuDriver } from './gpu-driver.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

const TABLE_546 = `Thu Feb  1 10:00:00 2024
+---------------------------------------------------------------------------------------+
| NVIDIA-SMI 546.33                 Driver Version: 546.33       CUDA Version: 12.3     |
|-----------------------------------------+----------------------+----------------------+
| GPU  Name                     TCC/WDDM  | Bus-Id        Disp.A | Volatile Uncorr. ECC |
|=========================================+======================+======================|
|   0  NVIDIA GeForce RTX 4070      WDDM  | 00000000:01:00.0  On |                  N/A |
|  0%   35C    P8              10W / 200W |    800MiB / 12282MiB |      2%      Default |
+-----------------------------------------+----------------------+----------------------+
`;

const TABLE_472 = `+-----------------------------------------------------------------------------+
| NVIDIA-SMI 472.12       Driver Version: 472.12       CUDA Version: 11.4     |
|-------------------------------+----------------------+----------------------+
| GPU  Name            TCC/WDDM | Bus-Id        Disp.A | Volatile Uncorr. ECC |
|===============================+======================+======================|
|   0  NVIDIA GeForce ... WDDM  | 00000000:01:00.0 Off |                  N/A |
| N/A   45C    P8     3W /  N/A |    100MiB /  6144MiB |      0%      Default |
+-------------------------------+----------------------+----------------------+
`;

/** A fake nvidia-smi: logs its arguments, answers the query / table / -q by case. */
function smiScript(args: { log: string; query: string; queryExit?: number; table: string; tableExit?: number; noCcQuery?: string; q?: string }): string {
  const esc = (s: string): string => s.replace(/'/g, `'"'"'`);
  return `#!/bin/sh
echo "$*" >> '${esc(args.log)}'
case "$*" in
  *compute_cap*) printf '%s' '${esc(args.query)}'; exit ${args.queryExit ?? 0} ;;
  --query-gpu*) printf '%s' '${esc(args.noCcQuery ?? args.query)}'; exit ${args.queryExit === 2 ? 0 : (args.queryExit ?? 0)} ;;
  -q) printf '%s' '${esc(args.q ?? '')}'; exit ${args.q ? 0 : 1} ;;
  *) printf '%s' '${esc(args.table)}'; exit ${args.tableExit ?? 0} ;;
esac
`;
}

describe('detectGpuDriver (fake nvidia-smi)', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => ({ root, cleanup } = await makeTempRoot()));
  afterAll(() => cleanup());

  const setup = async (name: string, script: Parameters<typeof smiScript>[0]): Promise<{ smi: string; log: string }> => {
    const smi = path.join(root, name, 'Windows', 'System32', 'nvidia-smi.exe');
    await writeTree(path.join(root, name), { 'Windows/System32/nvidia-smi.exe': smiScript(script) });
    return { smi, log: script.log };
  };

  it('modern driver: query with compute_cap + table for max CUDA, both run', async () => {
    const log = path.join(root, 'modern.log');
    const { smi } = await setup('modern', { log, query: '0, NVIDIA GeForce RTX 4070, 546.33, 12282, 8.9\n', table: TABLE_546 });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'windows' });
    expect(r.driver).toMatchObject({ status: 'ok', version: '546.33', maxCudaVersion: '12.3', nvidiaSmiPath: smi });
    expect(r.gpus).toEqual([{ index: 0, name: 'NVIDIA GeForce RTX 4070', memoryTotalMiB: 12282, computeCapability: '8.9', computeCapabilitySource: 'nvidia-smi' }]);
    const calls = (await fs.readFile(log, 'utf8')).split('\n').slice(0, -1);
    expect(calls).toHaveLength(2);
    expect(calls.some((c) => c.includes('compute_cap'))).toBe(true);
    expect(calls).toContain('');
  });

  it('is found in <SYSTEM_ROOT>/Windows/System32 without TORCHLIFT_NVIDIA_SMI', async () => {
    const log = path.join(root, 'sys32.log');
    await setup('sys32', { log, query: '0, NVIDIA GeForce RTX 4070, 546.33, 12282, 8.9\n', table: TABLE_546 });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_SYSTEM_ROOT: path.join(root, 'sys32') }), platform: 'windows' });
    expect(r.driver.status).toBe('ok');
    expect(r.driver.nvidiaSmiPath).toBe(path.join(root, 'sys32', 'Windows', 'System32', 'nvidia-smi.exe'));
  });

  it('R470: compute_cap rejected → retried without it; CC from the name table', async () => {
    const log = path.join(root, 'r470.log');
    const { smi } = await setup('r470', {
      log, query: 'Field "compute_cap" is not a valid field to query.\n', queryExit: 2,
      noCcQuery: '0, NVIDIA GeForce GTX 1660 Ti, 472.12, 6144\n', table: TABLE_472,
    });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'windows' });
    expect(r.driver).toMatchObject({ status: 'ok', version: '472.12', maxCudaVersion: '11.4' });
    expect(r.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce GTX 1660 Ti', memoryTotalMiB: 6144, computeCapability: '7.5', computeCapabilitySource: 'name-table' });
    const calls = (await fs.readFile(log, 'utf8')).trim().split('\n');
    expect(calls.filter((c) => c.startsWith('--query-gpu'))).toHaveLength(2);
  });

  it('derives max CUDA from the driver when no output says it', async () => {
    const log = path.join(root, 'derive.log');
    const { smi } = await setup('derive', { log, query: '0, NVIDIA GeForce RTX 4070, 546.33, 12282, 8.9\n', table: 'garbage', tableExit: 1 });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'windows' });
    expect(r.driver).toMatchObject({ status: 'ok', version: '546.33', maxCudaVersion: '12.3' });
    expect(r.driver.message).toMatch(/derived/);
  });

  it.each([
    ['not-loaded', "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n", 9],
    ['library-mismatch', 'Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 550.54\n', 18],
  ] as const)('failure text → %s', async (status, text, code) => {
    const log = path.join(root, `${status}.log`);
    const { smi } = await setup(status, { log, query: text, queryExit: code, table: text, tableExit: code });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'linux' });
    expect(r.driver.status).toBe(status);
    expect(r.driver.version).toBeNull();
    expect(r.gpus).toEqual([]);
  });

  it('no nvidia-smi anywhere → not-installed, with a message that explains it', async () => {
    const env = cleanEnv({ PATH: path.join(root, 'empty bin'), TORCHLIFT_SYSTEM_ROOT: path.join(root, 'bare') });
    for (const e of [env, cleanEnv({ TORCHLIFT_NVIDIA_SMI: 'none' })]) {
      const r = await detectGpuDriver({ env: e, platform: 'linux' });
      expect(r.driver.status).toBe('not-installed');
      expect(r.driver.message).toMatch(/no NVIDIA driver.*no NVIDIA GPU/);
      expect(r.gpus).toEqual([]);
    }
  });

  it('TORCHLIFT_NVIDIA_SMI naming no file (a typo) → unknown, naming the variable and its value; never "no NVIDIA GPU"', async () => {
    const typo = path.join(root, 'nope', 'nvidia-smi');
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: typo }), platform: 'linux' });
    expect(r.driver.status).toBe('unknown');
    expect(r.driver.message).toContain(`TORCHLIFT_NVIDIA_SMI is set to "${typo}"`);
    expect(r.driver.message).not.toMatch(/no NVIDIA GPU/);
    const report: DetectReport = {
      schemaVersion: 1, platform: 'linux', gpus: r.gpus, driver: r.driver, toolkits: [], findings: [],
      installs: [{
        kind: 'a1111', path: '/sd', python: { path: '/sd/venv/bin/python', version: '3.10.12' }, libraries: [],
        torch: { version: '2.1.2+cu121', cudaVersion: '12.1', cudnnVersion: null, cudaAvailable: null, archList: [] },
        torchvision: null, xformers: null,
      }],
    };
    const codes = diagnoseReport(report, 'en', {}).map((f) => f.code);
    expect(codes).not.toContain('no-nvidia-gpu');
    expect(codes).not.toContain('driver-not-installed');
  });

  it('a hung nvidia-smi is cut off by the timeout', async () => {
    const smi = path.join(root, 'hang', 'nvidia-smi');
    await writeTree(path.join(root, 'hang'), { 'nvidia-smi': '#!/bin/sh\nexec sleep 30\n' });
    const r = await detectGpuDriver({ env: cleanEnv({ TORCHLIFT_NVIDIA_SMI: smi }), platform: 'linux' }, { timeoutMs: 300 });
    expect(r.driver.status).toBe('unknown');
    expect(r.driver.message).toMatch(/did not answer/);
  });

  it('this machine: no driver when no nvidia-smi is installed', async () => {
    const env = { ...process.env };
    delete env.TORCHLIFT_NVIDIA_SMI;
    const r = await detectGpuDriver({ env, platform: 'linux' });
    const anySmi = await Promise.all((process.env.PATH ?? '').split(':').map((d) => fs.access(path.join(d, 'nvidia-smi')).then(() => true, () => false)));
    if (anySmi.includes(true)) expect(r.driver.nvidiaSmiPath).toBeTruthy();
    else expect(r.driver.status).toBe('not-installed');
  });
});
