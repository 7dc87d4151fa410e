import { t } from '../../i18n/translate.js';
import { factEvidence } from '../fixes.js';
import { joinSentences, makeFinding } from '../make-finding.js';
import type { Rule } from '../rule-context.js';

/** cuda-versions-differ (info): nvidia-smi, nvcc and torch show different CUDA numbers; explains which one matters. */
export const cudaVersionsDiffer: Rule = (ctx) => {
  const { maxCudaVersion: smi, toolkitVersion: nvcc, torchCudaVersion: torch } = ctx.facts;
  const known = [smi, nvcc, torch].filter((v): v is string => v !== null);
  if (known.length < 2 || new Set(known).size < 2) return null;
  if (ctx.source === 'report' && nvcc === null) return null; // confusion starts when nvcc shows yet another number
  const explanation = joinSentences(ctx.lang, [
    t(ctx.lang, 'cudaVersions.intro'),
    ...(smi ? [t(ctx.lang, 'cudaVersions.smi', { version: smi })] : []),
    ...(nvcc ? [t(ctx.lang, 'cudaVersions.nvcc', { version: nvcc })] : []),
    ...(torch ? [t(ctx.lang, 'cudaVersions.torch', { version: torch })] : []),
    t(ctx.lang, 'cudaVersions.whichMatters'),
  ]);
  return makeFinding(ctx.lang, {
    code: 'cuda-versions-differ',
    severity: 'info',
    params: { explanation, torchCuda: torch ?? '?', maxCuda: smi ?? '?' },
    fix: [{ key: smi && torch ? 'fix' : 'fixNoTorch' }],
    evidence: factEvidence(ctx, 'driver', 'toolkit', 'torch'),
  });
};
