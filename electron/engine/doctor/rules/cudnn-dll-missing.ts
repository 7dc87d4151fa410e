import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule, RuleContext } from '../rule-context.js';

// Library names are bounded (\w{0,40}): an unbounded `cudnn\w*?64_` retries every occurrence inside one long word.
const MISSING = /Could not (?:locate|load library|load symbol from)\s+(cudnn\w{0,40}?64_(\d+)\.dll|libcudnn\w{0,40}\.so\.(\d+))|(libcudnn\w{0,40}\.so\.(\d+)): cannot open shared object file|(cudnn\w{0,40}?64_(\d+)\.dll)[^\n]{0,80}(?:not found|was not found|could not be found)/i;

/** The missing cuDNN file and its major from the text, if any. */
export function missingCudnn(ctx: RuleContext): { file: string; major: string | null } | null {
  const m = MISSING.exec(ctx.text);
  if (m === null) return null;
  const file = m[1] ?? m[4] ?? m[6] ?? '';
  const major = m[2] ?? m[3] ?? m[5] ?? m[7] ?? null;
  return { file, major };
}

/** cudnn-dll-missing: "Could not locate cudnn_ops_infer64_8.dll", "libcudnn_cnn_infer.so.8: cannot open shared object file". */
export const cudnnDllMissing: Rule = (ctx) => {
  const miss = missingCudnn(ctx);
  if (miss === null) return null;
  const brackets = /[A-Za-z]:\\[^\n"']*[[\]]/.test(ctx.text) || /\/[^\n"' ]*[[\]][^\n"' ]*\/(?:venv|python_embeded|site-packages)/.test(ctx.text);
  const other = miss.major === '8' ? '9' : miss.major === '9' ? '8' : '9';
  return makeFinding(ctx.lang, {
    code: 'cudnn-dll-missing',
    severity: 'error',
    params: { file: miss.file, major: miss.major ?? '?', other },
    detail: [{ key: miss.major === '8' ? 'detail' : 'detailGeneric' }],
    fix: [{ key: 'fix' }, ...(brackets ? [{ key: 'fixBrackets' }] : [])],
    evidence: linesMatching(ctx.lines, /cudnn/i, 2),
  });
};
