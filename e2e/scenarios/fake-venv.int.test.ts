import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../electron/engine/process/run.js';
import { createScenario, makeFakeVenv, writeSimState, type SimMachine } from './index.js';

let tmp = '';
beforeAll(async () => { tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tl-fakevenv-')); });
afterAll(async () => { await fs.rm(tmp, { recursive: true, force: true }); });

const env = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };
const py = (python: string, code: string) => run(python, ['-c', code], { name: 'python', env, timeoutMs: 30_000 });

const GPU_MACHINE: SimMachine = {
  platform: 'linux', timestamp: 'Wed Jun 19 10:12:45 2024',
  driver: { version: '550.54.14', maxCuda: '12.4', state: 'ok' },
  gpus: [{ name: 'NVIDIA GeForce RTX 3060', cc: '8.6', memoryTotalMiB: 12288, memoryUsedMiB: 300, busId: '00000000:2B:00.0',
    uuid: 'GPU-11111111-2222-3333-4444-555555555555', architecture: 'Ampere', vbios: '94.06.2f.00.9a', fanPercent: 0,
    powerDrawW: 15, powerCapW: 170, tempC: 40, pstate: 'P8', utilPercent: 0, smCount: 28 }],
};

describe('makeFakeVenv', () => {
  test('a Linux venv with a CUDA torch keeps cuDNN in nvidia/cudnn/lib and fails like Linux when one is missing', async () => {
    const machineFile = await writeSimState(path.join(tmp, 'm1'), GPU_MACHINE);
    const v = await makeFakeVenv({ dir: path.join(tmp, 'm1', 'ベンチ venv'), layout: 'linux-venv', machineFile,
      packages: { torch: '2.1.2+cu121', torchvision: null } });
    const ok = await py(v.python, 'import torch; print(torch.cuda.is_available(), torch.backends.cudnn.version(), torch.cuda.get_device_name(0))');
    expect(ok.stdout.trim()).toBe('True 8902 NVIDIA GeForce RTX 3060');
    expect(v.torchLibs.map((l) => l.rel)).toContain('nvidia/cudnn/lib/libcudnn_cnn_infer.so.8');
    await fs.rm(path.join(v.sitePackages, 'nvidia', 'cudnn', 'lib', 'libcudnn_cnn_infer.so.8'));
    const bad = await py(v.python, 'import torch');
    expect(bad.stderr).toContain('ImportError: libcudnn_cnn_infer.so.8: cannot open shared object file: No such file or directory');
  });

  test('xformers built for another torch warns like the real one on import', async () => {
    const v = await makeFakeVenv({ dir: path.join(tmp, 'xf', 'venv'), layout: 'windows-venv', machineFile: null,
      packages: { torch: '2.1.2+cu121', xformers: { version: '0.0.20', builtForTorch: '2.0.1+cu118' } } });
    const r = await py(v.python, 'import xformers.ops; print("ok")');
    expect(r.stdout.trim()).toBe('ok');
    expect(r.stderr).toContain("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:");
    expect(r.stderr).toContain('PyTorch 2.0.1+cu118 with CUDA 1108 (you have 2.1.2+cu121)');
  });

  test('without a machine file torch sees no driver: is_available() False with the "no NVIDIA driver" warning', async () => {
    const v = await makeFakeVenv({ dir: path.join(tmp, 'nodrv', 'venv'), layout: 'windows-venv', packages: { torch: '2.0.1+cu118' } });
    const r = await py(v.python, 'import torch; print(torch.cuda.is_available())');
    expect(r.stdout.trim()).toBe('False');
    expect(r.stderr).toContain('UserWarning: CUDA initialization: Found no NVIDIA driver on your system.');
  });
});

describe('writeSimState', () => {
  test('a driver upgrade on the GTX 1660 machine makes CUDA available and compute_cap queryable at once', async () => {
    const s = await createScenario('gtx1660-comfy-portable');
    try {
      await writeSimState(s.root, { ...s.machine, driver: { version: '546.33', maxCuda: '12.3', state: 'ok' } });
      const r = await run(s.python, ['-c', 'import torch; print(torch.cuda.is_available())'], { name: 'python', env: s.env });
      expect(r.stdout.trim()).toBe('True');
      const q = await run(s.nvidiaSmi, ['--query-gpu=compute_cap', '--format=csv,noheader'], { name: 'nvidia-smi', env: s.env });
      expect(q.stdout).toBe('7.5\r\n');
      await writeSimState(s.root, { ...s.machine, driver: { version: '546.33', maxCuda: '12.3', state: 'not-loaded' } });
      const broken = await run(s.nvidiaSmi, [], { name: 'nvidia-smi', env: s.env });
      expect(broken.exitCode).toBe(9);
      expect(broken.stdout).toContain('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.');
    } finally {
      await s.cleanup();
    }
  });
});
