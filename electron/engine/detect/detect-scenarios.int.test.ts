import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScenario, type Scenario, type ScenarioName } from '../../../e2e/scenarios/index.js';
import { DetectReport, type Install } from '../../../shared/schemas/detect.js';
import { detect } from './detect.js';
import { runProbe } from './probe-runner.js';

const made: Scenario[] = [];
afterAll(async () => {
  await Promise.all(made.map((s) => s.cleanup()));
});

async function run(name: ScenarioName, probe: boolean): Promise<{ s: Scenario; report: DetectReport; app: Install }> {
  const s = await createScenario(name);
  made.push(s);
  const report = await detect({ apps: s.apps, probe, env: { ...s.env }, platform: s.platform });
  expect(() => DetectReport.parse(report)).not.toThrow();
  const first = s.apps[0] ?? '';
  const app = report.installs.find((i) => path.resolve(i.path) === path.resolve(first) || i.path.startsWith(path.resolve(first)));
  if (!app) throw new Error(`install ${first} missing from the report: ${report.installs.map((i) => i.path).join(', ')}`);
  return { s, report, app };
}

describe('detect on simulated machines', () => {
  it('rtx4070-a1111: quick phase from files only', async () => {
    const { s, report, app } = await run('rtx4070-a1111', false);
    expect(report.phase).toBe('quick');
    expect(report.platform).toBe('windows');
    expect(report.driver).toMatchObject({ status: 'ok', version: s.expected.driverVersion, maxCudaVersion: s.expected.maxCuda });
    expect(report.gpus.map((g) => g.name)).toEqual([s.expected.gpuName]);
    expect(report.gpus[0]).toMatchObject({ memoryTotalMiB: 12282, computeCapability: '8.9', computeCapabilitySource: 'nvidia-smi' });
    expect(app.kind).toBe('a1111');
    expect(app.probe?.state).toBe('not-run');
    expect(app.torch).toMatchObject({ version: s.expected.torchVersion, cudaVersion: '11.8', source: 'files' });
    expect(app.torchvision?.version).toBe('0.15.2+cu118');
    expect(app.xformers).toMatchObject({ version: '0.0.20', builtForTorch: '2.0.1+cu118' });
    expect(app.libraries.some((l) => l.component === 'cudnn' && l.major === 8)).toBe(true);
    expect(app.libraries.some((l) => l.file === 'cudart64_110.dll' && l.major === 11)).toBe(true);
    expect(app.launcher?.commandlineArgs).toContain('--xformers');
    const tk = report.toolkits.find((t) => t.version === '12.1');
    expect(tk).toMatchObject({ nvcc: true, cudnn: { version: '8.9.7' } });
    expect(tk?.foundBy).toEqual(expect.arrayContaining(['CUDA_PATH', 'CUDA_PATH_V12_1']));
  });

  it('rtx4070-a1111: complete phase imports the fake torch', async () => {
    const { app } = await run('rtx4070-a1111', true);
    expect(app.probe?.state).toBe('ok');
    expect(app.torch).toMatchObject({ version: '2.0.1+cu118', cudaVersion: '11.8', cudnnVersion: '8.7.0', cudaAvailable: true, source: 'import' });
    expect(app.torch?.deviceCapabilities).toEqual(['8.9']);
    // The engine says whether the build runs on the GPU and names the architecture, so no UI re-derives either.
    expect(app.torch?.gpuSupport).toEqual({ fit: 'runs', cc: '8.9', sm: 'sm_89' });
    expect(app.torch?.cpuOnly).toBe(false);
  });

  it('rtx4070-a1111: probe --verify runs every step on the fake CUDA torch', async () => {
    const { s, app } = await run('rtx4070-a1111', false);
    const r = await runProbe({ python: app.python?.path ?? '', ctx: { env: { ...s.env }, platform: s.platform }, mode: 'verify' });
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    const steps = r.output.verify?.steps ?? [];
    expect(steps.map((st) => `${st.name}:${st.ok}`)).toEqual([
      'import:true', 'cuda-available:true', 'matmul:true', 'conv2d:true', 'synchronize:true', 'cudnn-version:true',
    ]);
    expect(steps.find((st) => st.name === 'cudnn-version')?.value).toBe(8700);
  });

  it('rtx4070-a1111 with a cuDNN DLL removed: import-failed (WinError 126) as a value, file facts kept', async () => {
    const s = await createScenario('rtx4070-a1111');
    made.push(s);
    const quick = await detect({ apps: s.apps, probe: false, env: { ...s.env }, platform: s.platform });
    const lib = quick.installs[0]?.libraries.find((l) => l.file === 'cudnn_cnn_infer64_8.dll');
    if (!lib) throw new Error('the scenario has no cudnn_cnn_infer64_8.dll');
    await fs.rm(path.join(lib.dir, lib.file));
    const report = await detect({ apps: s.apps, probe: true, env: { ...s.env }, platform: s.platform });
    const app = report.installs[0];
    expect(app?.probe?.state).toBe('import-failed');
    expect(app?.probe?.importError?.type).toBe('OSError');
    expect(app?.probe?.message).toMatch(/WinError 126.*cudnn_cnn_infer64_8\.dll/);
    expect(app?.torch).toMatchObject({ version: '2.0.1+cu118', source: 'files' });
  });

  it('gtx1660-comfy-portable: R470 (no compute_cap field), driver too old for cu121', async () => {
    const { s, report, app } = await run('gtx1660-comfy-portable', true);
    expect(report.driver).toMatchObject({ status: 'ok', version: '472.12', maxCudaVersion: '11.4' });
    expect(report.gpus[0]).toMatchObject({ name: s.expected.gpuName, computeCapability: '7.5', computeCapabilitySource: 'name-table' });
    expect(app.kind).toBe('comfyui-portable');
    expect(app.torch).toMatchObject({ version: '2.1.2+cu121', cudaAvailable: false, source: 'import' });
    expect(app.probe?.warnings?.join('\n')).toMatch(/too old/);
  });

  it('linux-no-gpu: no driver, ComfyUI with a CPU torch', async () => {
    const { report, app } = await run('linux-no-gpu', true);
    expect(report.platform).toBe('linux');
    expect(report.driver.status).toBe('not-installed');
    expect(report.gpus).toEqual([]);
    expect(app.kind).toBe('comfyui');
    expect(app.torch).toMatchObject({ version: '2.3.1+cpu', cudaAvailable: false, cpuOnly: true });
    expect(app.torch?.gpuSupport).toBeUndefined();
  });

  it('rtx5070ti-forge: GPU newer than the build (sm_120 warning)', async () => {
    const { report, app } = await run('rtx5070ti-forge', true);
    expect(report.driver).toMatchObject({ status: 'ok', version: '572.83', maxCudaVersion: '12.8' });
    expect(report.gpus[0]).toMatchObject({ name: 'NVIDIA GeForce RTX 5070 Ti', computeCapability: '12.0' });
    expect(app.kind).toBe('forge');
    expect(app.torch).toMatchObject({ version: '2.3.1+cu121', source: 'import' });
    expect(app.torch?.archList).not.toContain('sm_120');
    expect(app.probe?.warnings?.join('\n')).toMatch(/sm_120 is not compatible/);
    expect(report.gpus[0]?.architecture).toBe('Blackwell');
    // The same verdict as the doctor's gpu-arch-unsupported finding for this install.
    expect(app.torch?.gpuSupport).toEqual({ fit: 'gpu-newer', cc: '12.0', sm: 'sm_120' });
  });
});
