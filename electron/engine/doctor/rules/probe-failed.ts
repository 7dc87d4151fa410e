import { makeFinding } from '../make-finding.js';
import { clip } from '../normalise.js';
import type { Rule } from '../rule-context.js';

/** probe-failed (reports only): the import probe could not run torch, for a reason other than a DLL load failure. */
export const probeFailed: Rule = (ctx) => {
  const probe = ctx.facts.probe;
  if (ctx.source !== 'report' || probe === null || ctx.found.has('torch-dll-load-failed')) return null;
  if (!['import-failed', 'failed', 'timeout'].includes(probe.state)) return null;
  const message = probe.message ?? probe.state;
  return makeFinding(ctx.lang, {
    code: 'probe-failed',
    severity: 'warning',
    params: { message: clip(message, 400), python: ctx.facts.pythonPath ?? 'python' },
    evidence: [clip(message)],
  });
};
