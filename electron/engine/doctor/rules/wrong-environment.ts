import { makeFinding } from '../make-finding.js';
import { clip, linesMatching } from '../normalise.js';
import { type Rule, pythonForCommands } from '../rule-context.js';

const USER_SITE = /Defaulting to user installation because normal site-packages is not writeable|AppData[\\/]+Roaming[\\/]+Python[\\/]+Python3\d{1,2}[\\/]+site-packages|\/\.local\/lib\/python3\.\d{1,2}\/site-packages/i;
// A pip.exe launcher copied from another machine: it starts a Python that is not there (portable builds).
const PIP_LAUNCHER = /Fatal error in launcher: Unable to create process using/i;
const SATISFIED_IN = /Requirement already satisfied: [\w.-]+[^\n]*? in ([^\s()]+site-packages)/gi;
// Both are matched at their distinctive end, then widened backwards (bounded): an unanchored `[^\s]*…` prefix
// would retry from every position and take time growing with the square of the line's length.
const APP_ENV = /[\\/](?:venv|\.venv|python_embeded)(?=[\\/])/i;
const OTHER_PYTHON = /(?:Python3\d{1,2}|Programs\\Python\\Python3\d+|WindowsApps)\\python(?:3(?:\.\d+)?)?\.exe/i;

/** wrong-environment: packages installed into a Python the app does not run (user site, system Python next to a venv / portable). */
export const wrongEnvironment: Rule = (ctx) => {
  if (ctx.source !== 'text') return null;
  const appEnv = widenBack(ctx.text, APP_ENV.exec(ctx.text), /[^\s"'()]/);
  const python = pythonForCommands(ctx);
  if (USER_SITE.test(ctx.text)) {
    return makeFinding(ctx.lang, {
      code: 'wrong-environment', severity: 'warning', params: { python }, detail: [{ key: 'detailUserSite' }], evidence: linesMatching(ctx.lines, USER_SITE, 1),
    });
  }
  if (PIP_LAUNCHER.test(ctx.text)) {
    return makeFinding(ctx.lang, {
      code: 'wrong-environment', severity: 'warning', params: { python }, detail: [{ key: 'detailPipLauncher' }], evidence: linesMatching(ctx.lines, PIP_LAUNCHER, 1),
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
    const other = withDrive(ctx.text, OTHER_PYTHON.exec(ctx.text));
    if (other !== null && !/python_embeded/i.test(other)) {
      return makeFinding(ctx.lang, {
        code: 'wrong-environment', severity: 'warning', params: { other, python }, detail: [{ key: 'detailPortable' }],
        evidence: [...linesMatching(ctx.lines, /python_embeded/i, 1), ...linesMatching(ctx.lines, OTHER_PYTHON, 1)],
      });
    }
  }
  return null;
};

/** The match widened backwards over characters the class allows (at most 1024), or null without a match. */
function widenBack(text: string, m: RegExpExecArray | null, allowed: RegExp): string | null {
  if (m === null) return null;
  let start = m.index;
  while (start > 0 && m.index - start < 1024 && allowed.test(text[start - 1] ?? '')) start--;
  return text.slice(start, m.index + m[0].length);
}

/** A python.exe match with the `X:\…\` folder before it on the same line (when there is one). */
function withDrive(text: string, m: RegExpExecArray | null): string | null {
  if (m === null) return null;
  const wide = widenBack(text, m, /[^\n"']/) ?? m[0];
  const drive = /[A-Za-z]:\\/.exec(wide);
  return drive !== null && wide.charAt(wide.length - m[0].length - 1) === '\\' ? wide.slice(drive.index) : m[0];
}
