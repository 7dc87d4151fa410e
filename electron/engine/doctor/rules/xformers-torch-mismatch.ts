import { satisfies } from '@renovatebot/pep440';
import { xformersFor, xformersRelease } from '../../knowledge/xformers.js';
import { cudaVersionToTag, majorMinor, releaseOf } from '../../knowledge/versions.js';
import { parseTorchVersion } from '../../parsers/torch-version.js';
import type { PipCommand } from '../../commands/pip.js';
import { factEvidence, runnableBuild, torchBuildCommand, xformersCommand } from '../fixes.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import { type Rule, type RuleContext, nvidiaSeen } from '../rule-context.js';
import { newestBuild } from '../targets.js';

const GENERIC = /xFormers was built for a different version of PyTorch or Python|xFormers can't load C\+\+\/CUDA extensions/i;

/** True when xformers' build does not fit the installed torch (release, or CUDA variant when both say). */
function mismatched(ctx: RuleContext): boolean {
  const x = ctx.facts.xformers;
  const torch = ctx.facts.torchVersion;
  // xformers' own warning says its extension does not load with this torch, whatever the versions read as.
  if (x !== null && GENERIC.test(ctx.text)) return true;
  if (x === null || torch === null) return false;
  const have = parseTorchVersion(torch);
  if (x.builtForTorch) {
    const built = parseTorchVersion(x.builtForTorch);
    if (built && have && built.release !== have.release) {
      const spec = x.version ? xformersRelease(x.version)?.torch : undefined;
      return !(spec && spec.startsWith('>=') && satisfies(have.release, spec)); // ≥ 0.0.34: stable ABI
    }
    if (built?.local && have?.local && built.local !== have.local) return true;
    return false;
  }
  // A dev build ("0.0.32.dev1073") is a pre-release of its release and needs the same torch.
  const row = x.version ? (xformersRelease(x.version) ?? xformersRelease(x.version.replace(/\.dev\d+$/, ''))) : null;
  const spec = row?.torch;
  const release = releaseOf(torch);
  return spec !== undefined && release !== null && !satisfies(release, spec);
}

/** xformers-torch-mismatch: xformers built for another torch (or CUDA variant) than installed. */
export const xformersTorchMismatch: Rule = (ctx) => {
  if (!mismatched(ctx)) return null;
  const f = ctx.facts;
  const x = f.xformers;
  const builtFor = x?.builtForTorch ?? (x?.version ? (xformersRelease(x.version)?.builtAgainst ?? '?') : '?');
  const have = f.torchVersion ? parseTorchVersion(f.torchVersion) : null;
  const params = { xformers: x?.version ?? '', builtFor, torch: f.torchVersion ?? '?', builtPy: x?.builtForPython ?? '', python: f.pythonVersion ?? '' };
  const detail: MessagePart[] = [{ key: 'detail' }];
  if (x?.builtForPython && f.pythonVersion && majorMinor(x.builtForPython) !== majorMinor(f.pythonVersion)) detail.push({ key: 'detailPython' });
  let fix: MessagePart;
  let command: PipCommand | null = null;
  if (f.noNvidiaOnMachine === true || (have?.variant === 'unknown' && f.torchCudaVersion === null && x?.builtForCuda && !nvidiaSeen(f))) {
    // "built for PyTorch 2.0.1 with CUDA 1106 (you have 2.0.1)": a torch without CUDA on a machine where no NVIDIA
    // GPU shows; there is no CUDA build to offer, xformers is simply of no use here.
    fix = { key: 'fixNoCudaTorch' };
  } else if (have?.variant === 'cpu' || (have?.variant === 'unknown' && ctx.platform === 'windows' && f.torchCudaVersion === null && x?.builtForCuda)) {
    const built = parseTorchVersion(builtFor);
    const build = built ? newestBuild({ platform: ctx.platform, torch: built.release, maxCuda: built.cudaVersion ?? x?.builtForCuda ?? null }) : null;
    const runnable = runnableBuild(ctx, build);
    command = runnable ? torchBuildCommand(ctx, runnable) : null;
    fix = { key: command ? 'fixCpuTorch' : 'fixNoMatch', params: { command: command?.display ?? '' } };
  } else {
    const tag = have?.cudaTag ?? (f.torchCudaVersion ? cudaVersionToTag(f.torchCudaVersion) : null) ?? null;
    const row = f.torchVersion ? (xformersFor(f.torchVersion, tag ?? undefined, ctx.platform) ?? xformersFor(f.torchVersion, tag ?? undefined)) : null;
    command = row ? xformersCommand(ctx, row.version, tag, row.onTorchIndex) : null;
    fix = { key: command ? 'fix' : 'fixNoMatch', params: { command: command?.display ?? '' } };
  }
  return makeFinding(ctx.lang, {
    code: 'xformers-torch-mismatch',
    severity: 'warning',
    params,
    detail,
    fix: [fix],
    commands: [command],
    evidence: [...factEvidence(ctx, 'xformers'), ...linesMatching(ctx.lines, GENERIC, 1), ...factEvidence(ctx, 'torch')],
  });
};
