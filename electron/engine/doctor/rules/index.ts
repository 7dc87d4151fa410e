import type { Finding, FindingCode } from '../../../../shared/schemas/finding.js';
import { withCommandNote } from '../fixes.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { cpuOnlyTorch } from './cpu-only-torch.js';
import { cudaOutOfMemory } from './cuda-out-of-memory.js';
import { cudaUnavailable } from './cuda-unavailable.js';
import { cudaVersionsDiffer } from './cuda-versions-differ.js';
import { cudnnDllMissing } from './cudnn-dll-missing.js';
import { cudnnMajorMismatch } from './cudnn-major-mismatch.js';
import { driverLibraryMismatch, driverNotInstalled, driverNotLoaded } from './driver-state.js';
import { driverTooOld } from './driver-too-old.js';
import { gpuArchUnsupported } from './gpu-arch-unsupported.js';
import { gpuTooOldForTorch } from './gpu-too-old-for-torch.js';
import { installBroken } from './install-broken.js';
import { launcherConfigSyntax } from './launcher-config-syntax.js';
import { launcherPinsTorch } from './launcher-pins-torch.js';
import { noMatchingTorchWheel } from './no-matching-torch-wheel.js';
import { noNvidiaGpu } from './no-nvidia-gpu.js';
import { probeFailed } from './probe-failed.js';
import { skipTorchCudaTest } from './skip-torch-cuda-test.js';
import { toolkitTorchMismatch } from './toolkit-torch-mismatch.js';
import { torchDllLoadFailed } from './torch-dll-load-failed.js';
import { torchTooOldForApp } from './torch-too-old-for-app.js';
import { torchvisionTorchMismatch } from './torchvision-torch-mismatch.js';
import { wrongEnvironment } from './wrong-environment.js';
import { xformersTorchMismatch } from './xformers-torch-mismatch.js';

/** Every rule in the order it runs (later rules may look at what earlier ones found). */
export const RULES: readonly Rule[] = [
  noNvidiaGpu, driverLibraryMismatch, driverNotLoaded, driverNotInstalled, cpuOnlyTorch, driverTooOld,
  gpuArchUnsupported, gpuTooOldForTorch, torchDllLoadFailed, cudnnDllMissing, cudnnMajorMismatch,
  xformersTorchMismatch, torchvisionTorchMismatch, noMatchingTorchWheel, torchTooOldForApp, toolkitTorchMismatch,
  wrongEnvironment, installBroken, launcherPinsTorch, launcherConfigSyntax, skipTorchCudaTest, probeFailed,
  cudaVersionsDiffer, cudaOutOfMemory, cudaUnavailable,
];

/** Advice that only makes sense on an NVIDIA CUDA stack: dropped when no-nvidia-gpu holds. */
export const CUDA_ONLY_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'driver-not-installed', 'driver-not-loaded', 'driver-library-mismatch', 'driver-too-old', 'cpu-only-torch',
  'gpu-arch-unsupported', 'gpu-too-old-for-torch', 'cudnn-dll-missing', 'cudnn-major-mismatch', 'toolkit-torch-mismatch',
  'xformers-torch-mismatch', 'cuda-versions-differ', 'skip-torch-cuda-test', 'cuda-unavailable',
]);

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Runs every rule, drops CUDA advice on non-NVIDIA setups, and orders findings by severity. */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const finding = rule(ctx);
    if (finding === null) continue;
    out.push(finding);
    ctx.found.add(finding.code);
  }
  const nonNvidia = ctx.found.has('no-nvidia-gpu');
  const kept = out.filter((f) => !(nonNvidia && CUDA_ONLY_CODES.has(f.code))).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return withCommandNote(ctx, kept);
}
