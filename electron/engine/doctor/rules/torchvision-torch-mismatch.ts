import { torchRelease, torchvisionFor } from '../../knowledge/torch.js';
import { releaseOf } from '../../knowledge/versions.js';
import { parseTorchVersion } from '../../parsers/torch-version.js';
import { TORCHVISION_CUDA } from '../extract-text.js';
import { runnableBuild, torchBuildCommand } from '../fixes.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';
import { pipTorchConflict } from '../prose-facts.js';
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
  // pip's resolver names the pair itself ("torchvision X requires / has requirement torch==Y, but you have torch Z"):
  // a torchvision made for another torch build, whether or not the knowledge base knows either one. Compared without the
  // local label (pip ignores "+cu121" against "==2.3.1"), with nightlies' dev dates (1.6.0.dev20200609 ≠ …0610).
  const pip = ctx.source === 'text' ? pipTorchConflict(ctx.text) : null;
  const withoutLocal = (v: string): string => v.split('+')[0] ?? v;
  const conflict = pip !== null && pip.pkg === 'torchvision' && withoutLocal(pip.requires) !== withoutLocal(pip.have) ? pip : null;
  if (!pairBad && !message && cudaMajor === null && conflict === null) return null;
  const detail: MessagePart[] = [];
  if (conflict !== null) detail.push({ key: 'detailPipConflict', params: { torchvision: conflict.version, requires: conflict.requires, have: conflict.have } });
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
    evidence: [...(conflict !== null ? [conflict.line] : []), ...linesMatching(ctx.lines, MESSAGE, 1), ...linesMatching(ctx.lines, TORCHVISION_CUDA, 1), ...(pairBad ? [`torch ${f.torchVersion}`, `torchvision ${f.torchvisionVersion}`] : [])],
  });
};
