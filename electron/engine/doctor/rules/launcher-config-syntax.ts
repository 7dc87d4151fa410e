import type { LauncherProblem, LauncherProblemCause } from '../../parsers/launcher-config.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../rule-context.js';

const PATH_VARS = /^(PYTHON|GIT)$/i;

// Message keys (detail, fix) per cause; a quoted PYTHON/GIT has its own milder detail.
const KEYS: Record<LauncherProblemCause, [string, string]> = {
  'quoted-path': ['detailQuoted', 'fixQuoted'],
  'quoted-value': ['detailQuoted', 'fixQuoted'],
  'quoted-args': ['detailQuoted', 'fixQuoted'],
  'self-reference': ['detailSelfReference', 'fixSelfReference'],
  'space-before-equals': ['detailSpaces', 'fixSpaces'],
  'smart-quotes': ['detailSmartQuotes', 'fixSmartQuotes'],
  'trailing-spaces': ['detail', 'fix'],
};

/** A quoted PYTHON / GIT: webui.bat copes, so it is only worth a note. */
const pathOnly = (p: LauncherProblem): boolean => p.cause === 'quoted-path' && PATH_VARS.test(p.variable);

/** launcher-config-syntax: quoted `set VAR="…"`, `VENV_DIR=VENV_DIR`, a space before `=`, typographic quotes (parseLauncherConfig's problems). */
export const launcherConfigSyntax: Rule = (ctx) => {
  // Only VENV_DIR's self-reference changes anything (a folder literally named VENV_DIR instead of the default venv).
  const problems = (ctx.facts.launcher?.problems ?? []).filter((p) => p.cause !== 'self-reference' || /^VENV_DIR$/i.test(p.variable));
  const serious = problems.find((p) => !pathOnly(p)) ?? problems[0];
  if (serious === undefined) return null;
  const [detail, fix] = pathOnly(serious) ? ['detailQuotedPath', 'fixQuoted'] : KEYS[serious.cause];
  return makeFinding(ctx.lang, {
    code: 'launcher-config-syntax',
    severity: pathOnly(serious) ? 'info' : 'warning',
    params: { var: serious.variable, value: serious.value, line: serious.line },
    detail: [{ key: detail }],
    fix: [{ key: fix }],
    evidence: problems.map((p) => p.line),
  });
};
