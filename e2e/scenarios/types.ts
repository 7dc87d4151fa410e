import type { FindingCode } from '../../shared/schemas/finding.js';
import type { InstallKind } from '../../shared/schemas/detect.js';
import type { SimMachine } from './machine.js';

/** The four simulated machines from the issue, and one per install kind added later (issue 9). */
export type ScenarioName = 'rtx4070-a1111' | 'gtx1660-comfy-portable' | 'linux-no-gpu' | 'rtx5070ti-forge' | InstallKindScenarioName;

/** The aki package (py310\), kohya_ss, sd-scripts and OneTrainer installs. */
export type InstallKindScenarioName = 'rtx4070-aki' | 'rtx4070-kohya-ss' | 'linux-rtx3060-sd-scripts' | 'rtx4070-onetrainer';

/** The four scenarios of the first issue, for the loops in their tests. */
export const SCENARIO_NAMES: readonly ScenarioName[] = ['rtx4070-a1111', 'gtx1660-comfy-portable', 'linux-no-gpu', 'rtx5070ti-forge'];

/** One scenario per install kind recognised later: aki (py310\), kohya_ss, sd-scripts, OneTrainer. */
export const INSTALL_KIND_SCENARIOS: readonly InstallKindScenarioName[] = ['rtx4070-aki', 'rtx4070-kohya-ss', 'linux-rtx3060-sd-scripts', 'rtx4070-onetrainer'];

/** A toolkit the scenario installed, as detection should report it. */
export interface ExpectedToolkit {
  /** major.minor, e.g. "12.1". */
  version: string;
  path: string;
  /** cuDNN inside the toolkit ("8.9.7") or null. */
  cudnn: string | null;
}

/** What a correct detection of the scenario reports. */
export interface ScenarioExpected {
  platform: 'windows' | 'linux';
  gpuName: string | null;
  gpuCount: number;
  memoryTotalMiB: number | null;
  computeCapability: string | null;
  /** false where nvidia-smi rejects the compute_cap field (R470): cc must come from the name table or torch. */
  computeCapInQuery: boolean;
  driverStatus: 'ok' | 'not-installed';
  driverVersion: string | null;
  maxCuda: string | null;
  installKind: InstallKind;
  installPath: string;
  pythonPath: string;
  /** The real interpreter's version (pyvenv.cfg says the same). */
  pythonVersion: string;
  torchVersion: string | null;
  torchCuda: string | null;
  /** "8.7.0"; null for CPU builds. */
  cudnnVersion: string | null;
  /** torch.backends.cudnn.version(), e.g. 8700. */
  cudnnVersionInt: number | null;
  cudaAvailable: boolean;
  /** torch.cuda.get_arch_list() as the probe sees it (empty when CUDA is unavailable, like real torch). */
  archList: string[];
  /** The arch list the build was compiled with, whatever the machine. */
  buildArchList: string[];
  /** A substring of the UserWarning torch emits on is_available(), or null for none. */
  torchWarning: string | null;
  torchvisionVersion: string | null;
  xformersVersion: string | null;
  xformersBuiltForTorch: string | null;
  toolkits: ExpectedToolkit[];
  /** Finding codes a correct diagnosis must include / must not include. */
  mustFind: FindingCode[];
  mustNotFind: FindingCode[];
}

/** A simulated machine on disk plus the environment that points TorchLift at it. */
export interface Scenario {
  name: ScenarioName;
  /** The machine folder (stands in for C:\ or /). */
  root: string;
  platform: 'windows' | 'linux';
  /** A complete environment for child processes (not to be merged with the host's PATH). */
  env: Record<string, string>;
  /** SD install folders to pass as --app. */
  apps: string[];
  expected: ScenarioExpected;
  /** The fake nvidia-smi (for linux-no-gpu: a path that does not exist). */
  nvidiaSmi: string;
  /** The install's interpreter (a shebang script running the real Python). */
  python: string;
  sitePackages: string;
  /** `<root>/.sim/machine.json`: edit through writeSimState() to change the driver/GPU at once. */
  machineFile: string;
  machine: SimMachine;
  /** Unpacked cuDNN archives for DLL-swap tests (Windows scenarios), keyed by folder name. */
  cudnnArchives: Record<string, string>;
  cleanup(): Promise<void>;
}
