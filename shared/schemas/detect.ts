import { z } from 'zod';
import { Finding } from './finding.js';
import { Recommendation } from './recommend.js';

/** Output shapes of `torchlift detect --json` (CONTRACT.md, schemaVersion 1). Fields may be added, never renamed. */

export const Platform = z.enum(['windows', 'linux', 'macos']);
export type Platform = z.infer<typeof Platform>;

export const Gpu = z.object({
  index: z.number().int(),
  name: z.string(),
  memoryTotalMiB: z.number().nullable(),
  computeCapability: z.string().nullable(),
  /** Where the compute capability came from. */
  computeCapabilitySource: z.enum(['nvidia-smi', 'name-table', 'probe']).nullable().optional(),
  /** nvidia-smi shortened the name with "..."; the table lookup used the visible prefix. */
  nameTruncated: z.boolean().optional(),
  /** NVIDIA's architecture name for the compute capability ("Ada Lovelace", "Blackwell"); absent when unknown. */
  architecture: z.string().optional(),
});
export type Gpu = z.infer<typeof Gpu>;

export const DriverStatus = z.enum(['ok', 'not-installed', 'not-loaded', 'library-mismatch', 'unknown']);
export type DriverStatus = z.infer<typeof DriverStatus>;

export const Driver = z.object({
  status: DriverStatus,
  version: z.string().nullable(),
  maxCudaVersion: z.string().nullable(),
  message: z.string(),
  /** The nvidia-smi that was run, when one was found. */
  nvidiaSmiPath: z.string().nullable().optional(),
});
export type Driver = z.infer<typeof Driver>;

export const Cudnn = z.object({ version: z.string(), path: z.string() });
export type Cudnn = z.infer<typeof Cudnn>;

export const Toolkit = z.object({
  version: z.string(),
  path: z.string(),
  nvcc: z.boolean(),
  cudnn: Cudnn.nullable(),
  /** Full nvcc release string, e.g. "V13.0.88", when known. */
  fullVersion: z.string().nullable().optional(),
  /** How it was found: an environment variable name, "default-location" or "PATH". */
  foundBy: z.array(z.string()).optional(),
});
export type Toolkit = z.infer<typeof Toolkit>;

// Added after the contract's first list: the Chinese 秋叶/aki integrated package and the trainers (kohya_ss GUI,
// kohya-ss/sd-scripts, OneTrainer).
export const InstallKind = z.enum(['a1111', 'forge', 'sdnext', 'comfyui', 'comfyui-portable', 'fooocus', 'invokeai', 'unknown', 'aki', 'kohya_ss', 'sd-scripts', 'onetrainer']);
export type InstallKind = z.infer<typeof InstallKind>;

export const LibraryComponent = z.enum([
  'cudart', 'cublas', 'cudnn', 'cufft', 'curand', 'cusolver', 'cusparse', 'nvrtc', 'nvjitlink', 'cupti', 'nvtx', 'nccl', 'zlib', 'other',
]);
export type LibraryComponent = z.infer<typeof LibraryComponent>;

export const Library = z.object({
  file: z.string(),
  dir: z.string(),
  bytes: z.number(),
  component: LibraryComponent,
  /** The major version the file name carries (e.g. 8 for cudnn64_8.dll, 12 for libcudart.so.12). */
  major: z.number().nullable().optional(),
});
export type Library = z.infer<typeof Library>;

export const TorchInfo = z.object({
  version: z.string(),
  cudaVersion: z.string().nullable(),
  cudnnVersion: z.string().nullable(),
  /** null until the import probe has run (or when it failed). */
  cudaAvailable: z.boolean().nullable(),
  archList: z.array(z.string()),
  /** Compute capabilities of the visible devices as the probe saw them, e.g. ["8.9"]. */
  deviceCapabilities: z.array(z.string()).optional(),
  /** Where the data came from: "files" (version.py/dist-info, no import) or "import". */
  source: z.enum(['files', 'import']).optional(),
  /**
   * Whether this build has kernels for the GPU (the probe's device, else GPU 0), judged by the same code as the
   * doctor's gpu-arch-unsupported / gpu-too-old-for-torch findings: 'runs', 'gpu-newer' (the build predates the GPU,
   * sm_120 on cu124) or 'gpu-older' (the build dropped it). `sm` is torch's name for the GPU's arch ("sm_120").
   * Absent when the GPU's compute capability or the build's arch list is unknown.
   */
  gpuSupport: z.object({ fit: z.enum(['runs', 'gpu-newer', 'gpu-older']), cc: z.string(), sm: z.string() }).optional(),
  /** The build has no CUDA: a "+cpu" tag, or imported torch says `torch.version.cuda` is None (not ROCm). */
  cpuOnly: z.boolean().optional(),
});
export type TorchInfo = z.infer<typeof TorchInfo>;

export const PackageInfo = z.object({ version: z.string() });

export const XformersInfo = z.object({
  version: z.string(),
  builtForTorch: z.string().nullable(),
  builtForCuda: z.string().nullable().optional(),
  builtForPython: z.string().nullable().optional(),
});
export type XformersInfo = z.infer<typeof XformersInfo>;

export const ProbeStatus = z.object({
  state: z.enum(['not-run', 'ok', 'import-failed', 'failed', 'timeout', 'no-python']),
  message: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** Warnings raised while importing torch / calling is_available (e.g. "sm_120 is not compatible", "driver too old"). */
  warnings: z.array(z.string()).optional(),
  /** The exception `import torch` raised (e.g. OSError "[WinError 126] …"), when it failed. */
  importError: z.object({ type: z.string(), message: z.string() }).nullable().optional(),
  /** Python as the probe saw it. */
  pythonVersion: z.string().nullable().optional(),
});
export type ProbeStatus = z.infer<typeof ProbeStatus>;

export const LauncherConfig = z.object({
  file: z.string(),
  vars: z.record(z.string(), z.string()),
  commandlineArgs: z.array(z.string()),
  /** Lines that do not mean what the user thinks (quoted `set VAR="..."`, `VENV_DIR=VENV_DIR`). */
  problems: z.array(z.object({ line: z.string(), kind: z.string(), message: z.string() })).optional(),
});
export type LauncherConfig = z.infer<typeof LauncherConfig>;

export const Install = z.object({
  kind: InstallKind,
  path: z.string(),
  python: z.object({ path: z.string(), version: z.string().nullable() }).nullable(),
  torch: TorchInfo.nullable(),
  torchvision: PackageInfo.nullable(),
  xformers: XformersInfo.nullable(),
  libraries: z.array(Library),
  probe: ProbeStatus.optional(),
  launcher: LauncherConfig.nullable().optional(),
  /** Layout problems (e.g. python_embeded without ComfyUI/main.py). */
  problems: z.array(z.string()).optional(),
  /** The torch build recommend() picks for this install (GPU 0, the driver, the install's Python and app). */
  recommendation: Recommendation.optional(),
});
export type Install = z.infer<typeof Install>;

export const DetectReport = z.object({
  schemaVersion: z.literal(1),
  platform: Platform,
  gpus: z.array(Gpu),
  driver: Driver,
  toolkits: z.array(Toolkit),
  installs: z.array(Install),
  findings: z.array(Finding),
  /** "quick": no interpreter was started; "complete": import probes have run. */
  phase: z.enum(['quick', 'complete']).optional(),
  durationMs: z.number().optional(),
});
export type DetectReport = z.infer<typeof DetectReport>;
