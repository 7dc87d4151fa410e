import { parseTorchVersion } from '../../parsers/torch-version.js';
import { factEvidence } from '../fixes.js';
import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import { fixFromBuild, recommendedFix } from '../recommended-fix.js';
import { type Rule, nvidiaSeen } from '../rule-context.js';
import { newestBuild } from '../targets.js';
import { cudaVersionToTag } from '../../knowledge/versions.js';

const NOT_COMPILED = /Torch not compiled with CUDA enabled/i;
const ENV_NONE = /CUDA used to build PyTorch:\s*(None|N\/A|Could not collect)/i;

/** cpu-only-torch: a +cpu build, "Torch not compiled with CUDA enabled", or a CUDA-less build next to an NVIDIA GPU. */
export const cpuOnlyTorch: Rule = (ctx) => {
  const f = ctx.facts;
  // Without an NVIDIA GPU a CPU torch is what fits, not a problem (no-nvidia-gpu says what applies).
  if (f.noNvidiaOnMachine === true) return null;
  const parsed = f.torchVersion ? parseTorchVersion(f.torchVersion) : null;
  let key: string | null = null;
  let value = '';
  if (parsed?.variant === 'cpu') key = 'detailVersion';
  else if (NOT_COMPILED.test(ctx.text)) key = 'detail';
  else if (parsed?.variant === 'rocm') return null;
  else if (ctx.source === 'text' && ENV_NONE.test(ctx.text) && !/ROCM used to build PyTorch:\s*\d/i.test(ctx.text) && nvidiaSeen(f)) {
    key = 'detailCollectEnv';
    value = ENV_NONE.exec(ctx.text)?.[1] ?? 'None';
  } else if (ctx.source === 'report' && f.torchVersion && f.torchCudaVersion === null && (f.gpus.length > 0 || f.driverStatus === 'ok')) {
    key = 'detailVersion';
  } else if (ctx.platform === 'windows' && parsed?.variant === 'unknown' && f.torchCudaVersion === null && f.cudaAvailable === false && nvidiaSeen(f)) {
    key = 'detailVersion'; // PyPI's Windows wheels carry no tag and no CUDA
  }
  if (key === null) return null;
  // The recommendation's CUDA build; without driver/GPU facts, the same torch release as a CUDA build (xformers' CUDA
  // if it says, else the newest variant the driver runs).
  const recommended = recommendedFix(ctx, { allowDriverUpgrade: true });
  const cc = f.gpus.find((g) => g.computeCapability)?.computeCapability ?? null;
  const wanted = f.xformers?.builtForCuda ? cudaVersionToTag(f.xformers.builtForCuda) : null;
  const sameRelease = () => (parsed ? newestBuild({ platform: ctx.platform, torch: parsed.release, cc, maxCuda: wanted ? f.xformers?.builtForCuda : f.maxCudaVersion }) : null);
  const build =
    recommended !== undefined
      ? recommended
      : fixFromBuild(ctx, sameRelease() ?? newestBuild({ platform: ctx.platform, cc, maxCuda: f.maxCudaVersion, minTorch: '2.0.0' }));
  return makeFinding(ctx.lang, {
    code: 'cpu-only-torch',
    severity: 'error',
    detail: [{ key, params: { torch: f.torchVersion ?? '?', value } }],
    fix: [build ? { key: 'fix', params: { command: build.command.display } } : { key: 'fixPaste' }],
    commands: [build?.command],
    evidence: [...linesMatching(ctx.lines, new RegExp(`${NOT_COMPILED.source}|${ENV_NONE.source}|\\+cpu\\b`, 'i'), 3), ...factEvidence(ctx, 'torch')],
  });
};
