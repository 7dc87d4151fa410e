import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detect } from '../../electron/engine/detect/detect.js';
import { resolvePython } from '../scenarios/fake-venv.js';
import { buildWheelSet, createUpgradeScenario, findWheel, startIndexServer, type IndexServer, type UpgradeLayout, type UpgradeScenario } from './index.js';

let server: IndexServer;
const made: UpgradeScenario[] = [];
beforeAll(async () => { server = await startIndexServer(await buildWheelSet()); });
afterAll(async () => {
  await Promise.all(made.map((s) => s.cleanup()));
  await server.close();
});

async function scenario(layout: UpgradeLayout, extra: Partial<Parameters<typeof createUpgradeScenario>[0]> = {}): Promise<UpgradeScenario> {
  const s = await createUpgradeScenario({ server, layout, ...extra });
  made.push(s);
  return s;
}

const PROBE = 'import torch; print(torch.__version__, torch.version.cuda, torch.backends.cudnn.version(), torch.cuda.is_available(), torch.cuda.get_device_name(0))';
const upgradeArgs = (s: UpgradeScenario, variant: string, pins: string[]): string[] =>
  ['install', ...pins, '--index-url', s.server.variantUrl(variant), '--extra-index-url', s.server.pypiIndex];

describe.each(['linux-venv', 'windows-venv'] as const)('%s A1111 install built by real pip', (layout) => {
  test('the starting state imports: torch 2.0.1+cu118 with cuDNN 8.7 on the RTX 4070, xformers 0.0.20, fakedep 1.0', async () => {
    const s = await scenario(layout);
    const r = await s.py(`${PROBE}; import xformers, torchvision, fakedep; print(xformers.__version__, torchvision.__version__, fakedep.__version__)`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['2.0.1+cu118 11.8 8700 True NVIDIA GeForce RTX 4070', '0.0.20 0.15.2+cu118 1.0']);
    expect(await s.installed()).toMatchObject({ torch: '2.0.1+cu118', torchvision: '0.15.2+cu118', xformers: '0.0.20', fakedep: '1.0' });
    const libs = await fs.readdir(path.join(s.sitePackages, 'torch', 'lib'));
    expect(libs).toContain(layout === 'windows-venv' ? 'cudnn_cnn_infer64_8.dll' : 'libtorch_cuda.so');
    expect(s.env).toMatchObject({ TORCHLIFT_PLATFORM: layout === 'windows-venv' ? 'windows' : 'linux', TORCHLIFT_TORCH_INDEX: server.torchIndex,
      TORCHLIFT_PIP_INDEX: server.pypiIndex });
    expect(s.env).not.toHaveProperty('PIP_FIND_LINKS');
    const bat = await fs.readFile(path.join(s.installPath, 'webui-user.bat'), 'utf8');
    expect(bat).toContain('set COMMANDLINE_ARGS=--xformers\r\n');
    expect(await fs.readFile(path.join(s.installPath, 'webui-user.sh'), 'utf8')).toContain('export COMMANDLINE_ARGS="--xformers"');
    expect(await fs.stat(path.join(s.installPath, 'modules', 'launch_utils.py'))).toBeTruthy();
  });

  test('TorchLift\'s detector sees the install: A1111, the venv interpreter, torch 2.0.1+cu118 by import, xformers for it, --xformers', async () => {
    const s = await scenario(layout);
    const report = await detect({ apps: s.apps, probe: true, env: { ...s.env }, platform: s.platform });
    expect(report.driver).toMatchObject({ status: 'ok', maxCudaVersion: '12.3' });
    const app = report.installs.find((i) => path.resolve(i.path) === path.resolve(s.installPath));
    expect(app?.kind).toBe('a1111');
    expect(app?.python?.path).toBe(s.python);
    expect(app?.probe?.state).toBe('ok');
    expect(app?.torch).toMatchObject({ version: '2.0.1+cu118', cudaVersion: '11.8', cudnnVersion: '8.7.0', cudaAvailable: true, source: 'import' });
    expect(app?.xformers).toMatchObject({ version: '0.0.20', builtForTorch: '2.0.1+cu118' });
    expect(app?.launcher?.commandlineArgs).toContain('--xformers');
  });

  test('plain pip upgrade to 2.1.2+cu121 with torchvision 0.16.2 and xformers 0.0.23.post1 works and keeps fakedep 1.0', async () => {
    const s = await scenario(layout);
    const r = await s.pip(upgradeArgs(s, 'cu121', ['torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1']));
    expect(r.ok, r.stderr).toBe(true);
    expect(r.stdout).toContain('Successfully uninstalled torch-2.0.1+cu118');
    const after = await s.py(`${PROBE}; import xformers; print(xformers.__version__)`);
    expect(after.stderr).toBe('');
    expect(after.stdout.trim().split('\n')).toEqual(['2.1.2+cu121 12.1 8902 True NVIDIA GeForce RTX 4070', '0.0.23.post1']);
    expect(await s.installed()).toMatchObject({ torch: '2.1.2+cu121', torchvision: '0.16.2+cu121', xformers: '0.0.23.post1', fakedep: '1.0' });
    // The old build's libraries are gone, not left beside the new ones.
    const oldRuntime = layout === 'windows-venv' ? ['torch', 'lib', 'cudart64_110.dll'] : ['nvidia', 'cuda_runtime', 'lib', 'libcudart.so.11.0'];
    await expect(fs.stat(path.join(s.sitePackages, ...oldRuntime))).rejects.toThrow('ENOENT');
  });

  test('xformers built for another torch fails on import once torch alone is upgraded (--no-deps)', async () => {
    const s = await scenario(layout);
    const r = await s.pip([...upgradeArgs(s, 'cu121', ['torch==2.1.2+cu121']), '--no-deps']);
    expect(r.ok, r.stderr).toBe(true);
    const bad = await s.py('import xformers');
    expect(bad.ok).toBe(false);
    expect(bad.stderr).toContain("ImportError: xFormers can't load C++/CUDA extensions. xFormers was built for:");
    expect(bad.stderr).toContain('PyTorch 2.0.1+cu118 with CUDA 1108 (you have 2.1.2+cu121)');
  });
}, 300_000);

describe('windows-embedded ComfyUI portable driven by real pip', () => {
  test('python_embeded holds the starting state, the detector sees a portable, and a plain pip upgrade lands in Lib/site-packages', async () => {
    const s = await scenario('windows-embedded');
    expect(s.app).toBe('comfyui-portable');
    expect(s.python).toBe(path.join(s.installPath, 'python_embeded', 'python.exe'));
    await expect(fs.stat(path.join(s.venvDir, 'pyvenv.cfg'))).rejects.toThrow('ENOENT');
    const report = await detect({ apps: s.apps, probe: true, env: { ...s.env }, platform: s.platform });
    const app = report.installs.find((i) => path.resolve(i.path) === path.resolve(s.installPath));
    expect(app?.kind).toBe('comfyui-portable');
    expect(app?.torch).toMatchObject({ version: '2.0.1+cu118', cudnnVersion: '8.7.0', cudaAvailable: true, source: 'import' });
    const r = await s.pip(upgradeArgs(s, 'cu121', ['torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1']));
    expect(r.ok, r.stderr).toBe(true);
    expect(r.stderr).toBe('');
    const after = await s.py(`${PROBE}; print(torch.__file__)`);
    expect(after.stdout.trim().split('\n')).toEqual(['2.1.2+cu121 12.1 8902 True NVIDIA GeForce RTX 4070',
      path.join(s.sitePackages, 'torch', '__init__.py')]);
    expect(await fs.readdir(path.join(s.sitePackages, 'torch', 'lib'))).toContain('cudnn64_8.dll');
    // PYTHONHOME is python_embeded: nothing went into the real interpreter's own site-packages.
    const realSite = path.join((await resolvePython()).prefix, 'lib', `python${(await resolvePython()).majorMinor}`, 'site-packages');
    expect((await fs.readdir(realSite).catch(() => [] as string[])).filter((n) => /^(torch|xformers|fakedep)/i.test(n))).toEqual([]);
  });
});

describe('other apps and starting states', () => {
  test('ComfyUI with a CPU torch from the cpu variant: fakedep 2.0 comes along from /simple, the detector sees CPU torch', async () => {
    const s = await scenario('linux-venv', { app: 'comfyui', start: { torch: '2.4.1+cpu', torchvision: '0.19.1+cpu' } });
    expect(await s.installed()).toMatchObject({ torch: '2.4.1+cpu', torchvision: '0.19.1+cpu', fakedep: '2.0' });
    const report = await detect({ apps: s.apps, probe: true, env: { ...s.env }, platform: s.platform });
    const app = report.installs.find((i) => path.resolve(i.path) === path.resolve(s.installPath));
    expect(app?.kind).toBe('comfyui');
    expect(app?.torch).toMatchObject({ version: '2.4.1+cpu', cudaVersion: null, cudaAvailable: false });
  });

  test('Forge on the Windows layout with a TORCH_COMMAND in webui-user.bat and .sh', async () => {
    const cmd = 'pip install torch==2.1.2 torchvision==0.16.2 --extra-index-url https://download.pytorch.org/whl/cu121';
    const s = await scenario('windows-venv', { app: 'forge', torchCommand: cmd, start: { torch: '2.1.2+cu121', torchvision: '0.16.2+cu121' } });
    expect(await fs.readFile(path.join(s.installPath, 'webui-user.bat'), 'utf8')).toContain(`set TORCH_COMMAND=${cmd}\r\n`);
    expect(await fs.readFile(path.join(s.installPath, 'webui-user.sh'), 'utf8')).toContain(`export TORCH_COMMAND="${cmd}"\n`);
    const report = await detect({ apps: s.apps, probe: false, env: { ...s.env }, platform: s.platform });
    const app = report.installs.find((i) => path.resolve(i.path) === path.resolve(s.installPath));
    expect(app?.kind).toBe('forge');
    expect(app?.torch).toMatchObject({ version: '2.1.2+cu121', source: 'files' });
    expect(app?.libraries.some((l) => l.file === 'cudnn64_8.dll')).toBe(true);
  });
});

describe('what the index can and cannot offer', () => {
  test('torch 2.4.1 needs fakedep>=2: pip upgrades the outside package along (what the planner must detect)', async () => {
    const s = await scenario('linux-venv');
    const r = await s.pip([...upgradeArgs(s, 'cu124', ['torch==2.4.1+cu124', 'torchvision==0.19.1+cu124', 'xformers==0.0.28.post1']), '--dry-run']);
    expect(r.ok, r.stderr).toBe(true);
    expect(r.stdout).toMatch(/Would install .*fakedep-2\.0/);
  });

  test('a torch with wheels only for another Python (2.3.1+cu121 is cp39 only) is not installable here', async () => {
    const s = await scenario('linux-venv');
    expect(findWheel(server.wheels, { project: 'torch', version: '2.3.1+cu121', os: 'linux' }).python).toBe('cp39');
    const r = await s.pip([...upgradeArgs(s, 'cu121', ['torch==2.3.1+cu121']), '--dry-run']);
    expect(r.ok).toBe(false);
    expect(r.stderr).toContain('No matching distribution found for torch==2.3.1+cu121');
  });

  test('a CPU-only mirror offers no CUDA torch: the cu121 pin cannot be met', async () => {
    const s = await scenario('linux-venv');
    server.knobs.cpuOnly('cu121');
    try {
      const r = await s.pip([...upgradeArgs(s, 'cu121', ['torch==2.1.2+cu121']), '--dry-run']);
      expect(r.ok).toBe(false);
      expect(r.stderr).toContain('(from versions: 2.4.1+cpu)');
    } finally {
      server.knobs.reset();
    }
  });

  test('installing from verified local files only (--no-index --find-links <dir>) works without the server', async () => {
    const s = await scenario('linux-venv');
    const dir = path.join(s.root, 'torchlift-data', 'cache');
    await fs.mkdir(dir, { recursive: true });
    const want = [findWheel(server.wheels, { project: 'torch', version: '2.1.2+cu121', os: 'linux' }),
      findWheel(server.wheels, { project: 'torchvision', version: '0.16.2+cu121', os: 'linux' }),
      findWheel(server.wheels, { project: 'xformers', version: '0.0.23.post1', os: 'linux' })];
    await Promise.all(want.map((w) => fs.copyFile(w.path, path.join(dir, w.filename))));
    server.stats.reset();
    const r = await s.pip(['install', '--no-index', '--find-links', dir, 'torch==2.1.2+cu121', 'torchvision==0.16.2+cu121', 'xformers==0.0.23.post1']);
    expect(r.ok, r.stderr).toBe(true);
    expect(server.stats.requests).toEqual([]);
    expect(await s.installed()).toMatchObject({ torch: '2.1.2+cu121', xformers: '0.0.23.post1' });
  });
});
