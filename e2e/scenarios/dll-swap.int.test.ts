import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { run, type RunResult } from '../../electron/engine/process/run.js';
import { createScenario, type Scenario } from './index.js';

const VERIFY = `
import torch
import torch.nn.functional as F
a = torch.randn(64, 64, device='cuda')
s = (a @ a).sum().item()
y = F.conv2d(torch.randn(1, 3, 8, 8, device='cuda'), torch.randn(4, 3, 3, 3, device='cuda'))
torch.cuda.synchronize()
print(torch.backends.cudnn.version(), type(s).__name__, tuple(y.shape))
`;

let current: Scenario | null = null;
afterEach(async () => { await current?.cleanup(); current = null; });

async function a1111(): Promise<Scenario> {
  current = await createScenario('rtx4070-a1111');
  return current;
}

function py(s: Scenario, code: string): Promise<RunResult> {
  return run(s.python, ['-c', code], { name: 'python', env: s.env, timeoutMs: 30_000 });
}

const torchLib = (s: Scenario, file = ''): string => path.join(s.sitePackages, 'torch', 'lib', file);
const winPath = (p: string): string => p.split('/').join('\\');

async function copyArchiveDlls(s: Scenario, archive: string, only?: string): Promise<void> {
  const bin = path.join(s.cudnnArchives[archive]!, 'bin');
  for (const f of await fs.readdir(bin)) {
    if (!only || f === only) await fs.copyFile(path.join(bin, f), torchLib(s, f));
  }
}

describe('fake torch on the RTX 4070 A1111 machine', () => {
  test('the verify steps run: randn on cuda, matmul, sum().item(), conv2d, synchronize', async () => {
    const r = await py(await a1111(), VERIFY);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('8700 float (1, 4, 6, 6)');
  });

  test('a missing cuDNN DLL fails the import with the Windows WinError 126 text naming it', async () => {
    const s = await a1111();
    await fs.rm(torchLib(s, 'cudnn_cnn_infer64_8.dll'));
    const r = await py(s, 'import torch');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('OSError: [WinError 126] The specified module could not be found. Error loading "');
    expect(r.stderr).toContain(`${winPath(torchLib(s, 'cudnn_cnn_infer64_8.dll'))}" or one of its dependencies.`);
  });

  test('a DLL that is not a library, or of the wrong cuDNN major, fails the import', async () => {
    const s = await a1111();
    await fs.writeFile(torchLib(s, 'cudart64_110.dll'), 'garbage');
    expect((await py(s, 'import torch')).stderr).toContain('cudart64_110.dll" or one of its dependencies.');
    await current!.cleanup();
    const t = await a1111();
    await fs.writeFile(torchLib(t, 'cudnn64_8.dll'), 'FAKE-LIB cudnn 9.1.0 cuda11\n');
    expect((await py(t, 'import torch')).stderr).toContain('cudnn64_8.dll" or one of its dependencies.');
  });

  test('swapping in all cuDNN 8.9.7 (CUDA 11) DLLs changes cudnn.version() to 8907 and still verifies', async () => {
    const s = await a1111();
    await copyArchiveDlls(s, 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive');
    const r = await py(s, VERIFY);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('8907 float (1, 4, 6, 6)');
  });

  test('mixed cuDNN minor versions (only cudnn64_8.dll swapped) fail the import', async () => {
    const s = await a1111();
    await copyArchiveDlls(s, 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive', 'cudnn64_8.dll');
    const r = await py(s, 'import torch');
    expect(r.stderr).toContain('cudnn_adv_infer64_8.dll" or one of its dependencies.');
  });

  test('cuDNN built for CUDA 12 in a cu118 torch fails to load (its cuBLAS 12 dependency is missing)', async () => {
    const s = await a1111();
    await copyArchiveDlls(s, 'cudnn-windows-x86_64-8.9.7.29_cuda12-archive');
    const r = await py(s, 'import torch');
    expect(r.stderr).toContain('[WinError 126]');
    expect(r.stderr).toContain('cudnn64_8.dll" or one of its dependencies.');
  });
});

describe('fake torch where CUDA cannot be used', () => {
  test('old driver: CUDA calls raise "driver too old"; CPU-only torch: "Torch not compiled with CUDA enabled"', async () => {
    current = await createScenario('gtx1660-comfy-portable');
    const old = await py(current, 'import torch; torch.randn(2, 2, device="cuda")');
    expect(old.stderr).toContain('RuntimeError: The NVIDIA driver on your system is too old (found version 11040).');
    await current.cleanup();
    current = await createScenario('linux-no-gpu');
    const cpu = await py(current, 'import torch; torch.cuda.get_device_name(0)');
    expect(cpu.stderr).toContain('AssertionError: Torch not compiled with CUDA enabled');
    const ok = await py(current, 'import torch; print((torch.randn(3, 3) @ torch.randn(3, 3)).shape)');
    expect(ok.stdout.trim()).toBe('(3, 3)');
  });
});
