import type { Recommendation, Target } from '../../../shared/schemas/recommend.js';
import { cudaTagToVersion } from '../knowledge/versions.js';
import { recommend } from '../recommend/recommend.js';
import { type PipCommand, torchIndexBase } from '../commands/pip.js';
import { torchInstallCommand } from '../commands/torch-install.js';
import { commandTarget, runnableBuild, torchBuildCommand } from './fixes.js';
import type { RuleContext } from './rule-context.js';
import { type TorchBuild, minDriverFor } from './targets.js';

/** A torch build offered in a fix: what it is, the driver it needs, and the command that installs it. */
export interface FixBuild {
  /** "2.3.1+cu121" or "2.3.1". */
  torch: string;
  cuda: string;
  cudaTag: string;
  minDriver: string | null;
  command: PipCommand;
}

const memo = new WeakMap<RuleContext, Map<string, Recommendation | null>>();

/**
 * The recommendation the fix should agree with: the install's card when diagnosing a report, else recommend() on the
 * pasted facts when they name an NVIDIA driver and a GPU (`cc` stands in for a GPU only seen as "sm_XY"); null otherwise.
 */
export function recommendationFor(ctx: RuleContext, cc: string | null = null): Recommendation | null {
  if (ctx.recommendation !== undefined) return ctx.recommendation;
  const cache = memo.get(ctx) ?? new Map<string, Recommendation | null>();
  memo.set(ctx, cache);
  const key = cc ?? '';
  if (!cache.has(key)) cache.set(key, fromFacts(ctx, cc));
  return cache.get(key) ?? null;
}

function fromFacts(ctx: RuleContext, cc: string | null): Recommendation | null {
  const f = ctx.facts;
  const gpu = f.gpus.find((g) => g.computeCapability !== null) ?? f.gpus[0];
  const gpuCc = gpu?.computeCapability ?? cc;
  if (ctx.platform === 'macos' || f.driverVersion === null || (gpuCc === null && gpu === undefined)) return null;
  return recommend({
    platform: ctx.platform,
    gpuCc,
    gpuName: gpu?.name ?? null,
    driverVersion: f.driverVersion,
    pythonVersion: f.pythonVersion,
    app: f.installKind ?? 'unknown',
    currentTorch: f.torchVersion,
    torchIndexBase: torchIndexBase(ctx.env),
  });
}

/**
 * recommend()'s build as a fix, so the doctor and the recommendation card offer the same thing: its best build, or
 * (with allowDriverUpgrade) the build a driver update unlocks. undefined when recommend() cannot answer (no driver or
 * GPU in the facts, unknown GPU): the rule then falls back to newestBuild; null when it answered "no build".
 */
export function recommendedFix(ctx: RuleContext, opts: { cc?: string | null; allowDriverUpgrade: boolean }): FixBuild | null | undefined {
  const rec = recommendationFor(ctx, opts.cc ?? null);
  if (rec === null || rec.status === 'no-nvidia-gpu' || rec.status === 'unknown-gpu') return undefined;
  // A build that needs a driver update is offered only when the driver is not known: with a known driver, no fix
  // shows a command that would leave CUDA unusable (driver-too-old says which driver unlocks it).
  const driverKnown = ctx.facts.driverVersion !== null;
  const target = rec.best ?? (opts.allowDriverUpgrade && !driverKnown ? rec.driverUpgrade?.target : undefined);
  return target === undefined ? null : fixFromTarget(ctx, target);
}

/** A recommend() Target as a fix: the same pinned build, from the same index, with the install's interpreter. */
export function fixFromTarget(ctx: RuleContext, target: Target): FixBuild {
  const cuda = target.cuda ?? cudaTagToVersion(target.cudaTag) ?? '?';
  const spec = { torch: target.torch, torchvision: target.torchvision, torchaudio: target.torchaudio ?? null, xformers: target.xformers, xformersOnTorchIndex: target.xformersOnTorchIndex ?? true, cudaTag: target.cudaTag };
  // The card's own index (its TORCHLIFT_TORCH_INDEX at scan time), not this context's.
  const at = commandTarget(ctx);
  const indexBase = target.indexUrl.replace(/\/+$/, '').replace(/\/[^/]+$/, '');
  const command = torchInstallCommand(spec, { ...at, env: { ...at.env, TORCHLIFT_TORCH_INDEX: indexBase } });
  return { torch: target.torch, cuda, cudaTag: target.cudaTag, minDriver: target.minDriver ?? minDriverFor(cuda, ctx.platform), command };
}

/** A newestBuild() answer as a fix (where recommend() cannot answer). */
export function fixFromBuild(ctx: RuleContext, build: TorchBuild | null): FixBuild | null {
  const runnable = runnableBuild(ctx, build);
  if (runnable === null) return null;
  build = runnable;
  return { torch: build.torch, cuda: build.cuda, cudaTag: build.cudaTag, minDriver: minDriverFor(build.cuda, ctx.platform), command: torchBuildCommand(ctx, build) };
}
