import { makeFinding } from '../make-finding.js';
import { clip, linesMatching } from '../normalise.js';
import { type Rule, pythonForCommands } from '../rule-context.js';

const USER_SITE = /Defaulting to user installation because normal site-packages is not writeable/i;
const SATISFIED_IN = /Requirement already satisfied: [\w.-]+[^\n]*? in ([^\s()]+site-packages)/gi;
const APP_ENV = /[^\s"'()]*(?:\\|\/)(?:venv|\.venv|python_embeded)(?=\\|\/)/i;
const OTHER_PYTHON = /(?:[A-Za-z]:\\[^\n"']*?\\)?(?:Python3\d{1,2}|Programs\\Python\\Python3\d+|WindowsApps)\\python(?:3(?:\.\d+)?)?\.exe/i;

/** wrong-environment: packages installed into a Python the app does not run (user site, system Python next to a venv / portable). */
export const wrongEnvironment: Rule = (ctx) => {
  if (ctx.source !== 'text') return null;
  const appEnv = APP_ENV.exec(ctx.text)?.[0] ?? null;
  const python = pythonForCommands(ctx);
  if (USER_SITE.test(ctx.text)) {
    return makeFinding(ctx.lang, {
      code: 'wrong-environment', severity: 'warning', params: { python }, detail: [{ key: 'detailUserSite' }], evidence: linesMatching(ctx.lines, USER_SITE, 1),
    });
  }
  if (appEnv !== null) {
    for (const m of ctx.text.matchAll(SATISFIED_IN)) {
      const used = m[1] ?? '';
      if (!/venv|python_embeded|conda|envs/i.test(used)) {
        return makeFinding(ctx.lang, {
          code: 'wrong-environment', severity: 'warning', params: { used, app: appEnv, python }, evidence: [clip(m[0])],
        });
      }
    }
  }
  if (/python_embeded/i.test(ctx.text)) {
    const other = OTHER_PYTHON.exec(ctx.text);
    if (other && !/python_embeded/i.test(other[0])) {
      return makeFinding(ctx.lang, {
        code: 'wrong-environment', severity: 'warning', params: { other: other[0], python }, detail: [{ key: 'detailPortable' }],
        evidence: [...linesMatching(ctx.lines, /python_embeded/i, 1), ...linesMatching(ctx.lines, OTHER_PYTHON, 1)],
      });
    }
  }
  return null;
};
