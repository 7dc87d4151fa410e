import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';
import { textIn } from '../../i18n/msg-text.js';

const MISSING_ENTRY = /can't open file '([^']*?(?:main|launch|webui|entry_with_update|launch_utils)\.py)': \[Errno 2\]/i;

/** install-broken: the app's entry script is missing next to its Python, or detect found layout problems. */
export const installBroken: Rule = (ctx) => {
  const problems = ctx.facts.installProblems;
  if (ctx.source === 'report' && problems.length > 0) {
    return makeFinding(ctx.lang, {
      code: 'install-broken', severity: 'error', params: { problem: problems.map((p) => textIn(ctx.lang, p)).join(ctx.lang === 'en' ? '; ' : '；') }, detail: [{ key: 'detailProblem' }], evidence: problems,
    });
  }
  const m = MISSING_ENTRY.exec(ctx.text);
  if (m === null) return null;
  return makeFinding(ctx.lang, {
    code: 'install-broken', severity: 'error', params: { file: (m[1] ?? '').replace(/\\\\/g, '\\') }, evidence: linesMatching(ctx.lines, MISSING_ENTRY, 1),
  });
};
