import type { DriverStatus, InstallKind, Library, Platform, ProbeStatus } from '../../../shared/schemas/detect.js';
import type { LauncherProblem } from '../parsers/launcher-config.js';

/** A GPU as the doctor reasons about it. */
export interface FactGpu {
  name: string;
  computeCapability: string | null;
}

/** What xformers says about itself (from its warning, xformers.info, or the probe). */
export interface FactXformers {
  version: string | null;
  builtForTorch: string | null;
  builtForCuda: string | null;
  builtForPython: string | null;
}

/** A launcher file (webui-user.bat/.sh) as the rules need it. */
export interface FactLauncher {
  file: string;
  vars: Record<string, string>;
  commandlineArgs: string[];
  /** Lines that do not do what they seem to (parsers/launcher-config.ts). */
  problems: LauncherProblem[];
}

/**
 * Everything the rules may use, filled either from pasted text (extract-text.ts) or from a detect report
 * (report-facts.ts). Only what was seen; never invented. `evidence` holds the lines each fact came from.
 */
export interface DoctorFacts {
  platformSeen: Platform | null;
  driverStatus: DriverStatus | null;
  driverMessage: string | null;
  driverVersion: string | null;
  /** The newest CUDA the driver supports (nvidia-smi "CUDA Version", or torch's "found version NNNNN"). */
  maxCudaVersion: string | null;
  gpus: FactGpu[];
  toolkitVersion: string | null;
  torchVersion: string | null;
  torchCudaVersion: string | null;
  /** null = unknown. */
  cudaAvailable: boolean | null;
  archList: string[];
  torchvisionVersion: string | null;
  xformers: FactXformers | null;
  cudnnVersion: string | null;
  pythonVersion: string | null;
  pythonPath: string | null;
  libraries: Library[];
  launcher: FactLauncher | null;
  probe: ProbeStatus | null;
  installProblems: string[];
  installKind: InstallKind | null;
  installPath: string | null;
  /**
   * The scanned machine has no NVIDIA GPU (detect found none and no driver is installed) and the paste shows none:
   * no CUDA build is offered, and a CPU torch is what applies, not a problem.
   */
  noNvidiaOnMachine?: boolean;
  /** The text calls the GPU an RTX 50xx / Blackwell without naming the model (prose-facts.ts). */
  blackwellMentioned?: boolean;
  evidence: Partial<Record<EvidenceKey, string[]>>;
}

/** Names under which evidence lines are kept. */
export type EvidenceKey = 'driver' | 'gpu' | 'toolkit' | 'torch' | 'torchCuda' | 'cudaAvailable' | 'xformers' | 'python' | 'torchvision' | 'cudnn';

/** Facts with nothing known. */
export function emptyFacts(): DoctorFacts {
  return {
    platformSeen: null, driverStatus: null, driverMessage: null, driverVersion: null, maxCudaVersion: null, gpus: [],
    toolkitVersion: null, torchVersion: null, torchCudaVersion: null, cudaAvailable: null, archList: [],
    torchvisionVersion: null, xformers: null, cudnnVersion: null, pythonVersion: null, pythonPath: null, libraries: [],
    launcher: null, probe: null, installProblems: [], installKind: null, installPath: null, evidence: {},
  };
}

/** Appends evidence lines under a key (deduplicated, blank lines dropped). */
export function addEvidence(facts: DoctorFacts, key: EvidenceKey, lines: readonly (string | null | undefined)[]): void {
  const list = facts.evidence[key] ?? [];
  for (const line of lines) {
    const clean = line?.trim();
    if (clean && !list.includes(clean)) list.push(clean);
  }
  facts.evidence[key] = list;
}
