import { type CcMatch, matchGpuName } from './gpu-name.js';
import { gpuRows } from './load.js';

/** Compute capability for a GPU name as nvidia-smi / torch print it (gpus.json); null when unknown or ambiguous. */
export function lookupComputeCapability(gpuName: string): CcMatch | null {
  return matchGpuName(gpuRows(), gpuName);
}

/** All GPU rows (name, cc, segment, source, confirmed). */
export function knownGpus(): ReadonlyArray<{ name: string; cc: string; confirmed: boolean }> {
  return gpuRows();
}
