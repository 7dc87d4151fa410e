import path from 'node:path';

/** One simulated NVIDIA GPU. */
export interface SimGpu {
  name: string;
  /** Compute capability "8.9". */
  cc: string;
  memoryTotalMiB: number;
  memoryUsedMiB: number;
  busId: string;
  uuid: string;
  architecture: string;
  vbios: string;
  /** Laptop GPUs report N/A for fan and power. */
  fanPercent: number | null;
  powerDrawW: number | null;
  powerCapW: number | null;
  tempC: number;
  pstate: string;
  utilPercent: number;
  smCount: number;
}

/** The simulated NVIDIA driver. `state` other than 'ok' makes nvidia-smi fail like a broken install. */
export interface SimDriver {
  version: string;
  /** The "CUDA Version" nvidia-smi prints: the newest CUDA the driver supports. */
  maxCuda: string;
  state: 'ok' | 'not-loaded' | 'library-mismatch';
}

/** What the fake nvidia-smi and the fake torch both read: `<root>/.sim/machine.json`. */
export interface SimMachine {
  platform: 'windows' | 'linux';
  gpus: SimGpu[];
  /** null: no NVIDIA driver installed. */
  driver: SimDriver | null;
  /** The timestamp nvidia-smi prints, e.g. "Tue Mar 12 19:04:11 2024". */
  timestamp: string;
}

/** The machine file's place inside a scenario root. */
export function machineFilePath(root: string): string {
  return path.join(root, '.sim', 'machine.json');
}

/** Whether nvidia-smi of this driver knows the `compute_cap` query field (absent in R470 and older). */
export function supportsComputeCapField(driverVersion: string): boolean {
  return Number(driverVersion.split('.')[0]) >= 510;
}
