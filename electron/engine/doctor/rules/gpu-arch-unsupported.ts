import { factEvidence } from '../fixes.js';
import { makeFinding } from '../make-finding.js';
import { fixFromBuild, recommendedFix } from '../recommended-fix.js';
import type { Rule } from '../rule-context.js';
import { minDriverFor, newestBuild } from '../targets.js';
import { archVerdict } from './arch-check.js';

/** gpu-arch-unsupported: the GPU (e.g. sm_120) is newer than every arch in the torch build. */
export const gpuArchUnsupported: Rule = (ctx) => {
  const v = archVerdict(ctx);
  if (v === null || v.kind === 'older') return null;
  if (v.kind === 'unknown') {
    // The canonical error alone: say what it means and what to paste so TorchLift can tell newer from older.
    return makeFinding(ctx.lang, {
      code: 'gpu-arch-unsupported',
      severity: 'error',
      titleKey: 'titleUnknown',
      detail: [{ key: 'detailNoKernelUnknown' }],
      fix: [{ key: 'fixPaste' }],
      evidence: [...v.evidence, ...factEvidence(ctx, 'torch')],
      unconfirmed: true,
    });
  }
  // The recommendation's build (or the one a driver update unlocks); without driver/GPU facts, the newest that runs.
  const recommended = recommendedFix(ctx, { cc: v.cc, allowDriverUpgrade: true });
  const build =
    recommended !== undefined
      ? recommended
      : fixFromBuild(ctx, newestBuild({ platform: ctx.platform, cc: v.cc, maxCuda: ctx.facts.maxCudaVersion, minTorch: '2.0.0' }) ?? newestBuild({ platform: ctx.platform, cc: v.cc, minTorch: '2.0.0' }));
  const sm = v.cc.replace('.', '');
  const minDriver = build?.minDriver ?? minDriverFor('12.8', ctx.platform) ?? '570.65';
  const params = { torch: ctx.facts.torchVersion ?? '?', gpu: v.gpu, cc: v.cc, sm, archs: v.archs.join(' ') || '?', command: build?.command.display ?? '', minDriver };
  return makeFinding(ctx.lang, {
    code: 'gpu-arch-unsupported',
    severity: 'error',
    params,
    detail: [{ key: v.archs.length === 0 && v.detailKey === 'detail' ? 'detailNoKernel' : v.detailKey }],
    fix: [{ key: build ? 'fix' : 'fixNone' }],
    commands: [build?.command],
    evidence: [...v.evidence, ...factEvidence(ctx, 'gpu', 'torch')],
    ...(v.guessed ? { unconfirmed: true } : {}),
  });
};
