import { torchRelease, torchvisionFor } from '../../knowledge/torch.js';
import { releaseOf } from '../../knowledge/versions.js';
import { parseTorchVersion } from '../../parsers/torch-version.js';
import { TORCHVISION_CUDA } from '../extract-text.js';
import { runnableBuild, torchBuildCommand } from '../fixes.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';
import { newestBuild } from '../targets.js';

const MESSAGE = /Couldn't load custom C\+\+ ops|operator torchvision::nms does not exist|torchvision\/_C\.(?:so|pyd)|undefined symbol:[^\n]{0,500}?torchvision/i;

/** torchvision-torch-mismatch: "Couldn't load custom C++ ops" or a torch/torchvision pair the knowledge base rejects. */
export const torchvisionTorchMismatch: Rule = (ctx) => {
  const f = ctx.facts;
  const expected = f.torchVersion ? torchvisionFor(f.torchVersion) : null;
  const pairBad = expected !== null && f.torchvisionVersion !== null && releaseOf(f.torchvisionVersion) !== releaseOf(expected);
  const message = MESSAGE.test(ctx.text);
  // torchvision's own import check: the two were built for different CUDA major versions.
  const cudaMajor = TORCHVISION_CUDA.exec(ctx.text);
  if (!pairBad && !message && cudaMajor === null) return null;
  const detail: MessagePart[] = [];
  if (message) detail.push({ key: 'detailMessage' });
  if (cudaMajor !== null) detail.push({ key: 'detailCudaMajor', params: { torchCuda: cudaMajor[1] ?? '?', visionCuda: cudaMajor[2] ?? '?' } });
  if (pairBad) detail.push({ key: 'detail' });
  const have = f.torchVersion ? parseTorchVersion(f.torchVersion) : null;
  const build =
    have && torchRelease(have.release)
      ? newestBuild({ platform: ctx.platform, torch: have.release, maxCuda: have.cudaVersion ?? f.torchCudaVersion ?? f.maxCudaVersion })
      : null;
  // Both reinstalled together, pinned as a pair from the same variant's index.
  const runnable = runnableBuild(ctx, build);
  const command = runnable ? torchBuildCommand(ctx, runnable, ['--force-reinstall']) : null;
  return makeFinding(ctx.lang, {
    code: 'torchvision-torch-mismatch',
    severity: 'error',
    params: {
      torch: f.torchVersion ?? '?',
      torchvision: f.torchvisionVersion ?? '?',
      expected: expected ?? '?',
      command: command?.display ?? '',
    },
    detail,
    fix: [{ key: command ? 'fix' : 'fixGeneric' }],
    commands: [command],
    evidence: [...linesMatching(ctx.lines, MESSAGE, 1), ...linesMatching(ctx.lines, TORCHVISION_CUDA, 1), ...(pairBad ? [`torch ${f.torchVersion}`, `torchvision ${f.torchvisionVersion}`] : [])],
  });
};
