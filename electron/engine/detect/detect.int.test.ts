import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectReport } from '../../../shared/schemas/detect.js';
import { detect } from './detect.js';
import { assertSystemTorch, makeRealVenv } from './testing/real-venv.js';
import { cleanEnv, makeTempRoot, writeTree } from './testing/tree.js';

describe('detect (orchestrator)', () => {
  let root = '';
  let cleanup: () => Promise<void> = async () => {};
  let realApp = '';
  let brokenApp = '';
  let noPythonApp = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    assertSystemTorch();
    ({ root, cleanup } = await makeTempRoot());
    realApp = path.join(root, 'installs', 'stable diffusion [A1111] & co');
    await writeTree(realApp, { 'webui.py': '', 'modules/launch_utils.py': '', 'webui-user.sh': 'export COMMANDLINE_ARGS="--xformers"\n' });
    makeRealVenv(path.join(realApp, 'venv'), true);
    brokenApp = path.join(root, 'installs', 'ComfyUI 壊れた');
    // python exists but is not executable: the probe cannot start it.
    await writeTree(brokenApp, { 'main.py': '', 'comfy/': '', '.venv/bin/python': 'not a program' });
    noPythonApp = path.join(root, 'elsewhere', 'Fooocus');
    await writeTree(noPythonApp, { 'entry_with_update.py': '' });
    env = cleanEnv({ TORCHLIFT_SEARCH_ROOTS: path.join(root, 'installs'), TORCHLIFT_NVIDIA_SMI: 'none' });
  });
  afterAll(() => cleanup());

  it('quick phase: no interpreter started, auto-discovery + --app, schema-valid', async () => {
    const report = await detect({ apps: [noPythonApp, path.join(root, 'not here')], probe: false, env, platform: 'linux' });
    expect(() => DetectReport.parse(report)).not.toThrow();
    expect(report.phase).toBe('quick');
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(report.driver.status).toBe('not-installed');
    expect(report.findings).toEqual([]);
    const byPath = new Map(report.installs.map((i) => [i.path, i]));
    expect([...byPath.keys()].sort()).toEqual([brokenApp, noPythonApp, path.join(root, 'not here'), realApp].sort());
    expect(byPath.get(path.join(root, 'not here'))).toMatchObject({ kind: 'unknown' });
    expect(byPath.get(noPythonApp)?.kind).toBe('fooocus');
    expect(report.installs.every((i) => i.probe?.state === 'not-run')).toBe(true);
    // --app folders come first, in the order given.
    expect(report.installs[0]?.path).toBe(noPythonApp);
  });

  it('complete phase: each install probed; one failure never hides another', async () => {
    const report = await detect({ apps: [realApp, noPythonApp], probe: true, env, platform: 'linux' });
    expect(() => DetectReport.parse(report)).not.toThrow();
    expect(report.phase).toBe('complete');
    const byPath = new Map(report.installs.map((i) => [i.path, i]));
    expect(report.installs).toHaveLength(3);
    const real = byPath.get(realApp);
    expect(real?.probe?.state).toBe('ok');
    expect(real?.torch).toMatchObject({ version: '1.13.0a0', cudaVersion: null, cudaAvailable: false, source: 'import' });
    expect(real?.python?.version).toMatch(/^3\.\d+\.\d+$/);
    expect(byPath.get(brokenApp)?.probe?.state).toBe('no-python');
    expect(byPath.get(noPythonApp)?.probe?.state).toBe('no-python');
  });

  it('this machine: no driver, no GPU, the real CUDA 13.0 toolkit when present', async () => {
    const machineEnv: NodeJS.ProcessEnv = { ...process.env, TORCHLIFT_SEARCH_ROOTS: '' };
    delete machineEnv.TORCHLIFT_NVIDIA_SMI;
    delete machineEnv.TORCHLIFT_SYSTEM_ROOT;
    delete machineEnv.TORCHLIFT_PLATFORM;
    const report = await detect({ apps: [], probe: false, env: machineEnv });
    expect(report.platform).toBe('linux');
    const hasSmi = (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(path.join(d, 'nvidia-smi')));
    if (!hasSmi) {
      expect(report.driver.status).toBe('not-installed');
      expect(report.gpus).toEqual([]);
    }
    const cuda13 = report.toolkits.find((t) => t.version === '13.0');
    expect(cuda13 !== undefined).toBe(fs.existsSync('/usr/local/cuda-13.0/dist-info'));
  });
});
