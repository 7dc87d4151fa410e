import type { FindingCode } from '../../../../shared/schemas/finding.js';
import { factEvidence } from '../fixes.js';
import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const EXPLAINED: readonly FindingCode[] = [
  'no-nvidia-gpu', 'driver-not-installed', 'driver-not-loaded', 'driver-library-mismatch', 'driver-too-old', 'cpu-only-torch',
  'gpu-arch-unsupported', 'gpu-too-old-for-torch', 'torch-dll-load-failed', 'probe-failed', 'install-broken', 'wrong-environment',
];
const UNAVAILABLE =
  /Torch is not able to use GPU|cuda\.is_available\(\)\s*(?:(?:returns|is|==?|:)\s*)?False|cuda\.is_available\(\) should be True but is False|CUDA is not available|Your device does not support the current version of Torch\/CUDA|No CUDA GPUs are available|try updating your Nvidia drivers|CUDA Version: Not available/i;

/** cuda-unavailable: torch cannot use the GPU and no other finding explains why. */
export const cudaUnavailable: Rule = (ctx) => {
  if (EXPLAINED.some((c) => ctx.found.has(c))) return null;
  const textSays = ctx.source === 'text' && UNAVAILABLE.test(ctx.text);
  if (!textSays && ctx.facts.cudaAvailable !== false) return null;
  return makeFinding(ctx.lang, {
    code: 'cuda-unavailable',
    severity: 'warning',
    detail: [{ key: ctx.source === 'report' ? 'detailReport' : 'detail' }],
    evidence: [...linesMatching(ctx.lines, UNAVAILABLE, 2), ...factEvidence(ctx, 'cudaAvailable')],
  });
};
