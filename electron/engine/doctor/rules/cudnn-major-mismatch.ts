import { compare as pepCompare } from '@renovatebot/pep440';
import { releaseOf } from '../../knowledge/versions.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';
import { missingCudnn } from './cudnn-dll-missing.js';

const TORCH_MSG = /cuDNN version incompatibility: PyTorch was compiled\s+against \((\d+), (\d+), (\d+)\) but found runtime version \((\d+), (\d+), (\d+)\)/i;
const TF_MSG = /Loaded runtime CuDNN library: (\d+\.\d+\.\d+) but source was compiled with: (\d+\.\d+\.\d+)/i;

/** cudnn-major-mismatch: cuDNN 8 needed where torch ships 9 (or the reverse), or both majors in one environment. */
export const cudnnMajorMismatch: Rule = (ctx) => {
  const f = ctx.facts;
  let part: MessagePart | null = null;
  let evidence: string[] = [];
  const torchMsg = TORCH_MSG.exec(ctx.text);
  const tfMsg = TF_MSG.exec(ctx.text);
  if (torchMsg) {
    part = { key: 'detailMessage', params: { compiled: torchMsg.slice(1, 4).join('.'), runtime: torchMsg.slice(4, 7).join('.') } };
    evidence = linesMatching(ctx.lines, /cuDNN version incompatibility/i, 1);
  } else if (tfMsg) {
    part = { key: 'detailMessage', params: { compiled: tfMsg[2] ?? '', runtime: tfMsg[1] ?? '' } };
    evidence = linesMatching(ctx.lines, /Loaded runtime CuDNN/i, 1);
  } else {
    const miss = missingCudnn(ctx);
    const torchRelease = f.torchVersion ? releaseOf(f.torchVersion) : null;
    const torchHas9 = torchRelease !== null && pepCompare(torchRelease, '2.4.0') >= 0;
    if (miss?.major === '8' && (torchHas9 || /cudnn\w*64_9\.dll|libcudnn\w*\.so\.9/i.test(ctx.text))) {
      part = { key: 'detail', params: { needed: '8', have: '9' } };
      evidence = linesMatching(ctx.lines, /cudnn|torch/i, 3);
    } else {
      const majors = [...new Set(f.libraries.filter((l) => l.component === 'cudnn' && l.major != null).map((l) => String(l.major)))].sort();
      if (majors.length > 1) {
        const files = f.libraries.filter((l) => l.component === 'cudnn').map((l) => l.file);
        part = { key: 'detailLibraries', params: { majors: majors.join(' + '), files: files.slice(0, 4).join(', ') } };
        evidence = files.slice(0, 6);
      }
    }
  }
  if (part === null) return null;
  return makeFinding(ctx.lang, {
    code: 'cudnn-major-mismatch',
    severity: 'error',
    params: { torch: f.torchVersion ?? '?' },
    detail: [part],
    evidence,
  });
};
