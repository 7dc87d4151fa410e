import { makeFinding } from '../make-finding.js';
import type { Rule } from '../rule-context.js';

const ADVICE = /add --skip-torch-cuda-test to COMMANDLINE_ARGS/gi;

/** skip-torch-cuda-test: the launcher bypasses the GPU check, hiding the real problem. */
export const skipTorchCudaTest: Rule = (ctx) => {
  const inArgs = ctx.facts.launcher?.commandlineArgs.includes('--skip-torch-cuda-test') ?? false;
  const lines = ctx.lines.filter((l) => l.replace(ADVICE, '').includes('--skip-torch-cuda-test'));
  if (!inArgs && lines.length === 0) return null;
  return makeFinding(ctx.lang, {
    code: 'skip-torch-cuda-test',
    severity: 'warning',
    evidence: lines.length > 0 ? lines.slice(0, 2) : [`COMMANDLINE_ARGS: ${ctx.facts.launcher?.commandlineArgs.join(' ')}`],
  });
};
