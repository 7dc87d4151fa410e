import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import { Finding } from '../../../shared/schemas/finding.js';
import { recommendForInstall } from '../recommend/for-install.js';
import { recommend } from '../recommend/recommend.js';
import { diagnoseReport } from './diagnose-report.js';
import { doctorText } from './doctor-text.js';

const PATH = 'C:\\AI\\stable diffusion [Forge] & 漢字\\webui';

function install(over: Partial<Install> = {}): Install {
  return {
    kind: 'a1111', path: PATH, python: { path: `${PATH}\\venv\\Scripts\\python.exe`, version: '3.10.11' },
    torch: { version: '2.1.2+cu121', cudaVersion: '12.1', cudnnVersion: '8.9.2', cudaAvailable: true, archList: [] },
    torchvision: { version: '0.16.2+cu121' }, xformers: { version: '0.0.23.post1', builtForTorch: '2.1.2+cu121' }, libraries: [],
    ...over,
  };
}

function report(over: Partial<DetectReport> = {}, installs: Install[] = [install()]): DetectReport {
  return {
    schemaVersion: 1, platform: 'windows',
    gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 4070', memoryTotalMiB: 12282, computeCapability: '8.9' }],
    driver: { status: 'ok', version: '551.61', maxCudaVersion: '12.4', message: '' },
    toolkits: [], installs, findings: [], ...over,
  };
}

const codes = (r: DetectReport): string[] => diagnoseReport(r, 'en', {}).map((f) => f.code);

describe('diagnoseReport', () => {
  it('a healthy install has no findings', () => {
    expect(codes(report())).toEqual([]);
  });

  it('driver too old for the install\'s torch, with installPath set', () => {
    const findings = diagnoseReport(report({ driver: { status: 'ok', version: '516.94', maxCudaVersion: '11.7', message: '' } }), 'ja', {});
    const f = findings.find((x) => x.code === 'driver-too-old');
    expect(f?.installPath).toBe(PATH);
    expect(f?.detail).toContain('516.94');
    for (const x of findings) expect(Finding.safeParse(x).success).toBe(true);
  });

  it('a machine without an NVIDIA GPU: no CUDA command anywhere, no CPU-torch "upgrade", the card says what applies (issue 9)', () => {
    const cpu = install({
      torch: { version: '2.1.2+cpu', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] },
      xformers: { version: '0.0.20', builtForTorch: '2.0.1+cu118' },
    });
    const none = report({ gpus: [], driver: { status: 'not-installed', version: null, maxCudaVersion: null, message: '' } }, [cpu]);
    const findings = diagnoseReport(none, 'en', {});
    expect(findings.map((f) => f.code)).toContain('no-nvidia-gpu');
    expect(findings.map((f) => f.code)).not.toContain('cpu-only-torch');
    for (const f of findings) {
      expect(f.fix, f.code).not.toMatch(/\+cu\d{3}|download\.pytorch\.org\/whl\/cu/);
      for (const c of f.commands ?? []) expect(c.display, f.code).not.toMatch(/\+cu\d{3}/);
    }
    const card = recommendForInstall(none, cpu, {});
    expect(card).toMatchObject({ status: 'no-nvidia-gpu', best: null, alternatives: [] });
    expect(card.notes.map((n) => n.code)).toEqual(['no-gpu-cpu-torch']);
    // pasted text on that machine: the scan says there is no NVIDIA GPU, so no CUDA command either
    const pasted = doctorText('Torch not compiled with CUDA enabled\ntorch 2.1.2+cpu', 'en', {}, { machine: none });
    for (const f of pasted.findings) for (const c of f.commands ?? []) expect(c.display, f.code).not.toMatch(/\+cu\d{3}/);
  });

  it('CPU-only torch next to an NVIDIA GPU, Blackwell on cu121, mismatched xformers and torchvision', () => {
    const cpu = install({ torch: { version: '2.1.2+cpu', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] } });
    expect(codes(report({}, [cpu]))).toContain('cpu-only-torch');
    const blackwell = report({ gpus: [{ index: 0, name: 'NVIDIA GeForce RTX 5090', memoryTotalMiB: 32607, computeCapability: '12.0' }], driver: { status: 'ok', version: '576.02', maxCudaVersion: '12.9', message: '' } });
    const f = diagnoseReport(blackwell, 'en', {}).find((x) => x.code === 'gpu-arch-unsupported');
    expect(f?.fix).toMatch(/cu12[89]/);
    const drift = install({ xformers: { version: '0.0.23.post1', builtForTorch: '2.1.2+cu121' }, torch: { version: '2.3.1+cu121', cudaVersion: '12.1', cudnnVersion: null, cudaAvailable: true, archList: [] } });
    expect(codes(report({}, [drift]))).toEqual(expect.arrayContaining(['xformers-torch-mismatch', 'torchvision-torch-mismatch']));
  });

  it('driver status findings are reported once, not per install', () => {
    const r = report({ driver: { status: 'not-loaded', version: null, maxCudaVersion: null, message: 'NVIDIA-SMI has failed' } }, [install(), install({ path: '/srv/comfy' })]);
    const findings = diagnoseReport(r, 'zh-CN', {});
    expect(findings.filter((f) => f.code === 'driver-not-loaded')).toHaveLength(1);
    expect(findings[0]?.installPath).toBeUndefined();
  });

  it('mixed cuDNN majors, launcher pins and quirks, probe DLL failures, broken layout', () => {
    const lib = (file: string, major: number) => ({ file, dir: `${PATH}\\venv\\Lib\\site-packages\\torch\\lib`, bytes: 1, component: 'cudnn' as const, major });
    const i = install({
      libraries: [lib('cudnn_ops_infer64_8.dll', 8), lib('cudnn64_9.dll', 9)],
      launcher: { file: `${PATH}\\webui-user.bat`, vars: { TORCH_COMMAND: 'pip install torch==2.0.1', VENV_DIR: 'VENV_DIR' }, commandlineArgs: ['--skip-torch-cuda-test'] },
      probe: { state: 'import-failed', message: 'OSError: [WinError 126] Le module spécifié est introuvable. Error loading "C:\\x\\torch\\lib\\c10.dll"', durationMs: 10 },
      problems: ['python_embeded found but ComfyUI\\main.py is missing'],
    });
    expect(codes(report({}, [i]))).toEqual(expect.arrayContaining([
      'cudnn-major-mismatch', 'launcher-pins-torch', 'launcher-config-syntax', 'skip-torch-cuda-test', 'torch-dll-load-failed', 'install-broken',
    ]));
    expect(codes(report({}, [i]))).not.toContain('probe-failed');
  });

  it('macOS: no CUDA advice at all', () => {
    const mac = install({ torch: { version: '2.1.2', cudaVersion: null, cudnnVersion: null, cudaAvailable: false, archList: [] } });
    const r = report({ platform: 'macos', gpus: [], driver: { status: 'not-installed', version: null, maxCudaVersion: null, message: '' } }, [mac]);
    expect(codes(r)).toEqual(['no-nvidia-gpu']);
  });

  it('a toolkit different from torch is no finding of its own in a scan (it only matters when compiling)', () => {
    const r = report({ toolkits: [{ version: '12.4', path: 'C:\\CUDA\\v12.4', nvcc: true, cudnn: null }] });
    const codes = diagnoseReport(r, 'en', {}).map((x) => x.code);
    expect(codes).not.toContain('toolkit-torch-mismatch');
    expect(codes).toContain('cuda-versions-differ');
  });

  it('fixes offer the install\'s recommendation (the card on detect), not a build of their own', () => {
    const gpus = [{ index: 0, name: 'NVIDIA GeForce RTX 5090', memoryTotalMiB: 32607, computeCapability: '12.0' }];
    const driver = { status: 'ok' as const, version: '576.02', maxCudaVersion: '12.9', message: '' };
    const r = report({ gpus, driver });
    const card = recommendForInstall(r, install(), {});
    expect(card.best).not.toBeNull();
    const arch = (x: DetectReport) => diagnoseReport(x, 'en', {}).find((f) => f.code === 'gpu-arch-unsupported');
    expect(arch(r)?.fix).toContain(card.best?.pipCommand.join(' ') ?? '?');
    expect(arch(r)?.fix).toContain(`"${PATH}\\venv\\Scripts\\python.exe" -m pip install torch==`);
    // a recommendation already on the install (set by the detect handler) is the one used
    const best = { ...card.best!, torch: '2.99.0+cu129', torchvision: null, xformers: null, cudaTag: 'cu129', indexUrl: 'http://127.0.0.1:9/whl/cu129', pipCommand: ['install', 'torch==2.99.0+cu129', '--index-url', 'http://127.0.0.1:9/whl/cu129'] };
    const fixed = arch(report({ gpus, driver }, [install({ recommendation: { ...card, best } })]));
    expect(fixed?.fix).toContain('torch==2.99.0+cu129 --index-url http://127.0.0.1:9/whl/cu129');
    // the copy button gets the same command as argv: the install's interpreter, then exactly the card's pipCommand
    expect(fixed?.commands?.[0]).toEqual({ file: `${PATH}\\venv\\Scripts\\python.exe`, args: ['-m', 'pip', ...best.pipCommand], display: expect.stringContaining('-m pip install torch==2.99.0+cu129') });
  });

  it('an old driver that predates the GPU: no alternative build, as on the card (minor-version compatibility needs a driver that knows the GPU)', () => {
    // RTX 4070 (Ada, first supported by CUDA 11.8) on a CUDA 11.7 driver: no cu11x build runs, whatever Table 2 says
    const r = report({ driver: { status: 'ok', version: '516.94', maxCudaVersion: '11.7', message: '' } });
    expect(recommendForInstall(r, install(), {}).best).toBeNull();
    expect(diagnoseReport(r, 'en', {}).find((f) => f.code === 'driver-too-old')?.fix).not.toMatch(/torch==/);
  });

  it('an old driver that knows the GPU: the alternative is the card\'s build, run through minor-version compatibility', () => {
    const gpus = [{ index: 0, name: 'NVIDIA GeForce GTX 1660', memoryTotalMiB: 6144, computeCapability: '7.5' }];
    const r = report({ gpus, driver: { status: 'ok', version: '472.12', maxCudaVersion: '11.4', message: '' } });
    const card = recommendForInstall(r, install(), {});
    expect(card.best).toMatchObject({ cudaTag: 'cu118', driverFit: 'minor-compat' });
    const fix = diagnoseReport(r, 'en', {}).find((f) => f.code === 'driver-too-old')?.fix ?? '';
    expect(fix).toContain(`torch==${card.best?.torch}`);
    expect(fix).not.toMatch(/cu12\d|cu13\d/);
  });
});

describe('doctorText fixes agree with recommend() when the text names a driver and a GPU', () => {
  it('sm_120 warning + nvidia-smi header → the recommended cu128 build', () => {
    const text = [
      '| NVIDIA-SMI 572.83                 Driver Version: 572.83         CUDA Version: 12.8     |',
      '|   0  NVIDIA GeForce RTX 5070 Ti   WDDM  |   00000000:01:00.0  On |                  N/A |',
      'NVIDIA GeForce RTX 5070 Ti with CUDA capability sm_120 is not compatible with the current PyTorch installation.',
      'The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_61 sm_70 sm_75 sm_80 sm_86 sm_90.',
    ].join('\n');
    const { extracted, findings } = doctorText(text, 'en', {});
    const rec = recommend({
      platform: 'windows', gpuCc: '12.0', gpuName: extracted.gpus[0]?.name ?? null, driverVersion: '572.83',
      pythonVersion: extracted.pythonVersion, app: 'unknown', currentTorch: extracted.torchVersion,
    });
    expect(rec.best?.cudaTag).toBe('cu128');
    // no install is named: the command runs the app's own venv interpreter (relative to its folder), never bare `python`
    expect(findings.find((f) => f.code === 'gpu-arch-unsupported')?.fix).toContain(`venv\\Scripts\\python.exe -m pip ${rec.best?.pipCommand.join(' ')}`);
  });
});
