import { pythonSupport, torchHasVariant, torchRelease } from '../../knowledge/torch.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { snippet } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const NO_VERSION = /Could not find a version that satisfies the requirement ((?:torch|torchvision|torchaudio)\b[^\s,)]*)/i;
const NO_DIST = /No matching distribution found for ((?:torch|torchvision|torchaudio)\b[^\s,)]*)/i;

// A build named in prose or a command ("torch 2.0.1+cu121？", "torch==2.0.1+cu121").
const NAMED_BUILD = /\btorch\s{0,2}(?:==|\s)\s{0,2}(\d\.\d{1,2}\.\d{1,2})\+(cu\d{2,3})\b/gi;

/** A torch build the text names that PyTorch never published (the release is known, the CUDA variant is not in it). */
function unpublishedBuild(text: string): { torch: string; tag: string; line: string; variants: string } | null {
  for (const m of text.matchAll(NAMED_BUILD)) {
    const row = torchRelease(m[1] ?? '');
    if (row === null || torchHasVariant(m[1] ?? '', (m[2] ?? '').toLowerCase())) continue;
    return { torch: m[1] ?? '', tag: (m[2] ?? '').toLowerCase(), line: snippet(text, new RegExp(m[0].replace(/[.+]/g, '\\$&'))) ?? m[0], variants: row.variants.map((v) => v.tag).join(', ') };
  }
  return null;
}

// The app's install step failed on a torch it asked for, pip's own message cut off or not pasted: A1111's "Couldn't
// install torch." (its `Command:` names the pin), kohya's "ERROR Error running pip: install … torch==2.1.2+cu118".
const INSTALL_FAILED = /Couldn't install torch|Error running pip:? install\b/i;
const PINNED = /\btorch==(\d+\.\d+(?:\.\d+)?)(?:\+\w+)?/i;
// A 32-bit Windows Python ("[MSC v.1932 32 bit (Intel)]", wrapped over two lines in kohya's log): no torch wheel exists.
const PY32 = /(?:\bMSC v\.\d{3,5} )?\b32 bit\s{0,40}\(Intel\)/i;

/** Why the interpreter cannot take the pinned torch: 32-bit, or a Python the release does not support. */
function interpreterProblem(ctx: Parameters<Rule>[0], pinned: string | null): MessagePart | null {
  const py32 = PY32.exec(ctx.text);
  if (py32 !== null) return { key: 'detail32bit', params: { line: py32[0].replace(/\s+/g, ' ') } };
  const py = ctx.facts.pythonVersion;
  const row = pinned ? torchRelease(pinned) : null;
  if (row && py && pythonSupport(pinned ?? '', py) === 'unsupported') {
    return { key: 'detailPython', params: { torch: pinned ?? '', python: py, range: `${row.python.min}–${row.python.max}` } };
  }
  return null;
}

/** no-matching-torch-wheel: pip found no torch wheel for this interpreter ("from versions: none"), or the named build does not exist. */
export const noMatchingTorchWheel: Rule = (ctx) => {
  const m = NO_VERSION.exec(ctx.text) ?? NO_DIST.exec(ctx.text);
  if (m === null && ctx.source === 'text' && INSTALL_FAILED.test(ctx.text)) {
    const pin = PINNED.exec(ctx.text);
    const problem = interpreterProblem(ctx, pin?.[1] ?? null);
    if (problem !== null) {
      const requirement = pin?.[0] ?? 'torch';
      return makeFinding(ctx.lang, {
        code: 'no-matching-torch-wheel',
        severity: 'error',
        params: { requirement },
        detail: [{ key: 'detailInstall' }, problem],
        evidence: [snippet(ctx.text, INSTALL_FAILED) ?? '', snippet(ctx.text, PY32, 60) ?? '', ...(problem.key === 'detailPython' ? (ctx.facts.evidence.python ?? []).slice(0, 1) : [])],
      });
    }
  }
  if (m === null) {
    const missing = ctx.source === 'text' ? unpublishedBuild(ctx.text) : null;
    if (missing === null) return null;
    return makeFinding(ctx.lang, {
      code: 'no-matching-torch-wheel',
      severity: 'error',
      params: { requirement: `torch==${missing.torch}+${missing.tag}` },
      detail: [{ key: 'detailUnpublished', params: missing }],
      evidence: [missing.line],
    });
  }
  const requirement = m[1] ?? 'torch';
  const pinned = /==\s*(\d+\.\d+(?:\.\d+)?)/.exec(requirement)?.[1] ?? null;
  const detail: MessagePart[] = [{ key: 'detail' }];
  const problem = interpreterProblem(ctx, pinned && /^torch\b(?!vision|audio)/.test(requirement) ? pinned : null);
  if (problem !== null) detail.push(problem);
  return makeFinding(ctx.lang, {
    code: 'no-matching-torch-wheel',
    severity: 'error',
    params: { requirement },
    detail,
    evidence: [snippet(ctx.text, NO_VERSION) ?? '', snippet(ctx.text, NO_DIST) ?? ''],
  });
};
