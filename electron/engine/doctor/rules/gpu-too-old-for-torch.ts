import { factEvidence } from '../fixes.js';
import { makeFinding } from '../make-finding.js';
import { fixFromBuild, recommendedFix } from '../recommended-fix.js';
import type { Rule } from '../rule-context.js';
import { newestBuild } from '../targets.js';
import { archVerdict } from './arch-check.js';

/** gpu-too-old-for-torch: the GPU (e.g. Pascal 6.1) is older than the build supports (cu128+ / cu130). */
export const gpuTooOldForTorch: Rule = (ctx) => {
  const v = archVerdict(ctx);
  if (v === null || v.kind !== 'older') return null;
  // The recommendation's build (or the one a driver update unlocks); without driver/GPU facts, the newest that runs.
  const recommended = recommendedFix(ctx, { cc: v.cc, allowDriverUpgrade: true });
  const build =
    recommended !== undefined
      ? recommended
      : fixFromBuild(ctx, newestBuild({ platform: ctx.platform, cc: v.cc, maxCuda: ctx.facts.maxCudaVersion, minTorch: '2.0.0' }) ?? newestBuild({ platform: ctx.platform, cc: v.cc, minTorch: '2.0.0' }));

  return makeFinding(ctx.lang, {
    code: 'gpu-too-old-for-torch',
    severity: 'error',
    params: { torch: ctx.facts.torchVersion ?? '?', gpu: v.gpu, cc: v.cc, archs: v.archs.join(' ') || '?', min: v.min ?? '?', command: build?.command.display ?? '' },
    detail: [{ key: v.archs.length === 0 && v.detailKey === 'detail' ? 'detailNoKernel' : v.detailKey }],
    fix: [{ key: build ? 'fix' : 'fixNone' }],
    commands: [build?.command],
    evidence: [...v.evidence, ...factEvidence(ctx, 'gpu', 'torch')],
    ...(v.guessed ? { unconfirmed: true } : {}),
  });
};
