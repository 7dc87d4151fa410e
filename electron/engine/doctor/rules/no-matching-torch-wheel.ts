import { pythonSupport, torchRelease } from '../../knowledge/torch.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { snippet } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const NO_VERSION = /Could not find a version that satisfies the requirement ((?:torch|torchvision|torchaudio)\b[^\s,)]*)/i;
const NO_DIST = /No matching distribution found for ((?:torch|torchvision|torchaudio)\b[^\s,)]*)/i;

/** no-matching-torch-wheel: pip found no torch wheel for this interpreter ("from versions: none"). */
export const noMatchingTorchWheel: Rule = (ctx) => {
  const m = NO_VERSION.exec(ctx.text) ?? NO_DIST.exec(ctx.text);
  if (m === null) return null;
  const requirement = m[1] ?? 'torch';
  const pinned = /==\s*(\d+\.\d+(?:\.\d+)?)/.exec(requirement)?.[1] ?? null;
  const py = ctx.facts.pythonVersion;
  const detail: MessagePart[] = [{ key: 'detail' }];
  const row = pinned && /^torch\b(?!vision|audio)/.test(requirement) ? torchRelease(pinned) : null;
  if (row && py && pythonSupport(pinned ?? '', py) === 'unsupported') {
    detail.push({ key: 'detailPython', params: { torch: pinned ?? '', python: py, range: `${row.python.min}–${row.python.max}` } });
  }
  return makeFinding(ctx.lang, {
    code: 'no-matching-torch-wheel',
    severity: 'error',
    params: { requirement },
    detail,
    evidence: [snippet(ctx.text, NO_VERSION) ?? '', snippet(ctx.text, NO_DIST) ?? ''],
  });
};
