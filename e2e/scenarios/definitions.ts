import type { FindingCode } from '../../shared/schemas/finding.js';
import type { InstallKind } from '../../shared/schemas/detect.js';
import { writeA1111, writeAki, writeComfy, writeComfyPortable, writeForge, writeKohyaSs, writeOneTrainer, writeSdScripts } from './apps.js';
import type { FakePackages, VenvLayout } from './fake-venv.js';
import type { SimGpu, SimMachine } from './machine.js';
import type { ScenarioName } from './types.js';

/** How one scenario is built: the machine, the install, its interpreter and packages, the toolkit. */
export interface ScenarioSpec {
  platform: 'windows' | 'linux';
  machine: SimMachine;
  /** Install folder and discovery root, relative to the machine root ("/"-separated). */
  installDir: string;
  searchRoot: string;
  kind: InstallKind;
  writeApp(dir: string): Promise<void>;
  /** Interpreter folder relative to the install folder. */
  venvDir: string;
  layout: VenvLayout;
  packages: FakePackages;
  toolkit: { release: string; cudnn?: string } | null;
  /** Unpacked cuDNN zips under <root>/downloads (Windows DLL-swap tests). */
  cudnnArchives: Array<{ full: string; cudaMajor: number }>;
  mustFind: FindingCode[];
  mustNotFind: FindingCode[];
}

function gpu(p: Partial<SimGpu> & Pick<SimGpu, 'name' | 'cc' | 'memoryTotalMiB' | 'architecture' | 'uuid'>): SimGpu {
  return { memoryUsedMiB: 1042, busId: '00000000:01:00.0', vbios: '95.04.31.00.3d', fanPercent: 0, powerDrawW: 14.32,
    powerCapW: 200, tempC: 36, pstate: 'P8', utilPercent: 2, smCount: 46, ...p };
}

const ARCHIVES = [{ full: '8.9.7.29', cudaMajor: 11 }, { full: '8.9.7.29', cudaMajor: 12 }];

const RTX4070_546: SimMachine = {
  platform: 'windows', timestamp: 'Tue Mar 12 19:04:11 2024',
  driver: { version: '546.33', maxCuda: '12.3', state: 'ok' },
  gpus: [gpu({ name: 'NVIDIA GeForce RTX 4070', cc: '8.9', memoryTotalMiB: 12282, architecture: 'Ada Lovelace',
    uuid: 'GPU-5a2f1c3e-8d4b-4e6f-9a1b-2c3d4e5f6a7b' })],
};
const HEALTHY: FindingCode[] = ['driver-too-old', 'cpu-only-torch', 'gpu-arch-unsupported', 'torch-dll-load-failed', 'no-nvidia-gpu'];

/** The four scenarios of the issue. */
export const SCENARIO_SPECS: Readonly<Record<ScenarioName, ScenarioSpec>> = {
  'rtx4070-a1111': {
    platform: 'windows',
    machine: {
      platform: 'windows', timestamp: 'Tue Mar 12 19:04:11 2024',
      driver: { version: '546.33', maxCuda: '12.3', state: 'ok' },
      gpus: [gpu({ name: 'NVIDIA GeForce RTX 4070', cc: '8.9', memoryTotalMiB: 12282, architecture: 'Ada Lovelace',
        uuid: 'GPU-5a2f1c3e-8d4b-4e6f-9a1b-2c3d4e5f6a7b' })],
    },
    installDir: 'ユーザー/stable diffusion [A1111] & co/stable-diffusion-webui',
    searchRoot: 'ユーザー',
    kind: 'a1111',
    writeApp: (dir) => writeA1111(dir, '--xformers'),
    venvDir: 'venv', layout: 'windows-venv',
    packages: { torch: '2.0.1+cu118', xformers: { version: '0.0.20' } },
    toolkit: { release: '12.1', cudnn: '8.9.7' },
    cudnnArchives: ARCHIVES,
    mustFind: [],
    mustNotFind: ['driver-too-old', 'cpu-only-torch', 'gpu-arch-unsupported', 'xformers-torch-mismatch', 'torch-dll-load-failed', 'no-nvidia-gpu'],
  },
  'gtx1660-comfy-portable': {
    platform: 'windows',
    machine: {
      platform: 'windows', timestamp: 'Sat Oct 16 21:37:52 2021',
      driver: { version: '472.12', maxCuda: '11.4', state: 'ok' },
      gpus: [gpu({ name: 'NVIDIA GeForce GTX 1660 Ti', cc: '7.5', memoryTotalMiB: 6144, memoryUsedMiB: 312, architecture: 'Turing',
        uuid: 'GPU-0b9e3f27-6c1d-4a58-b2e4-7f90d1c3a856', vbios: '90.16.3a.00.48', fanPercent: null, powerDrawW: null,
        powerCapW: null, tempC: 48, smCount: 24 })],
    },
    installDir: 'AI绘画/ComfyUI_windows_portable',
    searchRoot: 'AI绘画',
    kind: 'comfyui-portable',
    writeApp: writeComfyPortable,
    venvDir: 'python_embeded', layout: 'windows-embedded',
    packages: { torch: '2.1.2+cu121' },
    toolkit: null,
    cudnnArchives: ARCHIVES,
    mustFind: ['driver-too-old'],
    mustNotFind: ['cpu-only-torch', 'gpu-arch-unsupported', 'no-nvidia-gpu', 'driver-not-installed'],
  },
  'linux-no-gpu': {
    platform: 'linux',
    machine: { platform: 'linux', timestamp: 'Wed Jun 19 10:12:45 2024', driver: null, gpus: [] },
    installDir: 'home/ComfyUI',
    searchRoot: 'home',
    kind: 'comfyui',
    writeApp: writeComfy,
    venvDir: '.venv', layout: 'linux-venv',
    packages: { torch: '2.3.1+cpu' },
    toolkit: { release: '12.4' },
    cudnnArchives: [],
    // No NVIDIA GPU: a CPU torch is the right build here, so no CUDA advice at all (CONTRACT: no-nvidia-gpu).
    mustFind: ['no-nvidia-gpu'],
    mustNotFind: ['driver-too-old', 'gpu-arch-unsupported', 'torch-dll-load-failed', 'cpu-only-torch'],
  },
  // Install kinds recognised later (issue 9): each on a machine whose driver runs its torch.
  'rtx4070-aki': {
    platform: 'windows', machine: RTX4070_546,
    installDir: 'AI/sd-webui-aki-v4.10',
    searchRoot: 'AI',
    kind: 'aki',
    writeApp: writeAki,
    venvDir: 'py310', layout: 'windows-embedded',
    packages: { torch: '2.0.1+cu118', xformers: { version: '0.0.20' } },
    toolkit: null, cudnnArchives: [],
    mustFind: [], mustNotFind: HEALTHY,
  },
  'rtx4070-kohya-ss': {
    platform: 'windows', machine: RTX4070_546,
    installDir: 'LoRA 学習/kohya_ss',
    searchRoot: 'LoRA 学習',
    kind: 'kohya_ss',
    writeApp: writeKohyaSs,
    venvDir: 'venv', layout: 'windows-venv',
    packages: { torch: '2.1.2+cu118' },
    toolkit: null, cudnnArchives: [],
    mustFind: [], mustNotFind: HEALTHY,
  },
  'linux-rtx3060-sd-scripts': {
    platform: 'linux',
    machine: {
      platform: 'linux', timestamp: 'Wed Jun 19 10:12:45 2024',
      driver: { version: '550.54.14', maxCuda: '12.4', state: 'ok' },
      gpus: [gpu({ name: 'NVIDIA GeForce RTX 3060', cc: '8.6', memoryTotalMiB: 12288, architecture: 'Ampere',
        uuid: 'GPU-3e1f0a2b-4c5d-6e7f-8091-a2b3c4d5e6f7', smCount: 28 })],
    },
    installDir: 'home/train & co/sd-scripts',
    searchRoot: 'home',
    kind: 'sd-scripts',
    writeApp: writeSdScripts,
    venvDir: 'venv', layout: 'linux-venv',
    packages: { torch: '2.4.1+cu124' },
    toolkit: null, cudnnArchives: [],
    mustFind: [], mustNotFind: HEALTHY,
  },
  'rtx4070-onetrainer': {
    platform: 'windows', machine: RTX4070_546,
    installDir: 'AI/OneTrainer',
    searchRoot: 'AI',
    kind: 'onetrainer',
    writeApp: writeOneTrainer,
    venvDir: 'venv', layout: 'windows-venv',
    packages: { torch: '2.3.1+cu121' },
    toolkit: null, cudnnArchives: [],
    mustFind: [], mustNotFind: HEALTHY,
  },
  'rtx5070ti-forge': {
    platform: 'windows',
    machine: {
      platform: 'windows', timestamp: 'Mon Apr  7 22:15:03 2025',
      driver: { version: '572.83', maxCuda: '12.8', state: 'ok' },
      gpus: [gpu({ name: 'NVIDIA GeForce RTX 5070 Ti', cc: '12.0', memoryTotalMiB: 16303, memoryUsedMiB: 1245, architecture: 'Blackwell',
        uuid: 'GPU-c41d7e92-3f8a-4b6c-a0d5-98e2b7f1c364', vbios: '98.03.2f.00.4e', fanPercent: 30, powerDrawW: 22.5, powerCapW: 300,
        tempC: 38, smCount: 70 })],
    },
    installDir: 'SD Forge/stable-diffusion-webui-forge',
    searchRoot: 'SD Forge',
    kind: 'forge',
    writeApp: writeForge,
    venvDir: 'venv', layout: 'windows-venv',
    packages: { torch: '2.3.1+cu121' },
    toolkit: { release: '12.8' },
    cudnnArchives: ARCHIVES,
    mustFind: ['gpu-arch-unsupported'],
    mustNotFind: ['driver-too-old', 'cpu-only-torch', 'no-nvidia-gpu'],
  },
};
