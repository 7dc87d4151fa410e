import { compareMajorMinor } from '../../knowledge/versions.js';
import { factEvidence } from '../fixes.js';
import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const MESSAGE = /detected CUDA version \((\d+\.\d+)\) mismatches the version that was used to compile\s+PyTorch \((\d+\.\d+)\)/i;
const BUILDING = /Building wheel for|setup\.py (?:install|develop|bdist_wheel)|cpp_extension|nvcc fatal|error: command '[^']*nvcc|pip install [^\n]*--no-build-isolation|Compiling CUDA/i;

/** toolkit-torch-mismatch: nvcc ≠ torch's CUDA; a warning when compiling (cpp_extension refuses), info otherwise. */
export const toolkitTorchMismatch: Rule = (ctx) => {
  const f = ctx.facts;
  const msg = MESSAGE.exec(ctx.text);
  const toolkit = msg?.[1] ?? f.toolkitVersion;
  const torchCuda = msg?.[2] ?? f.torchCudaVersion;
  if (!toolkit || !torchCuda || compareMajorMinor(toolkit, torchCuda) === 0) return null;
  const compiling = msg !== null || BUILDING.test(ctx.text);
  // A toolkit only matters when compiling extensions: without a sign of compiling, cuda-versions-differ explains
  // the numbers instead (in reports too, where nothing is being compiled).
  if (!compiling) return null;
  return makeFinding(ctx.lang, {
    code: 'toolkit-torch-mismatch',
    severity: 'warning',
    params: { toolkit, torchCuda },
    evidence: [...linesMatching(ctx.lines, /detected CUDA version|mismatches the version|Cuda compilation tools/i, 2), ...factEvidence(ctx, 'toolkit', 'torchCuda')],
  });
};
