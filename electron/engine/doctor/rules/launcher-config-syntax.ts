import { type LauncherProblem, launcherProblems } from '../launcher-text.js';
import { makeFinding } from '../make-finding.js';
import type { Rule } from '../rule-context.js';

const PATH_VARS = /^(PYTHON|GIT)$/i;

/** launcher-config-syntax: quoted `set VAR="…"`, `VENV_DIR=VENV_DIR`, spaces around `=`, typographic quotes. */
export const launcherConfigSyntax: Rule = (ctx) => {
  let problems: LauncherProblem[] = launcherProblems(ctx.text);
  const venv = ctx.facts.launcher?.vars.VENV_DIR;
  if (ctx.source === 'report' && venv && /^%?VENV_DIR%?$/i.test(venv)) {
    problems = [{ kind: 'self-reference', variable: 'VENV_DIR', value: venv, line: `VENV_DIR=${venv}` }];
  }
  // A quoted single word in COMMANDLINE_ARGS is harmless (shlex strips it); several words become one argument.
  problems = problems.filter((p) => !(p.kind === 'quoted-set' && /^COMMANDLINE_ARGS$/i.test(p.variable) && !/\s/.test(p.value)));
  if (problems.length === 0) return null;
  const serious = problems.find((p) => !(p.kind === 'quoted-set' && PATH_VARS.test(p.variable))) ?? problems[0];
  if (serious === undefined) return null;
  const pathOnly = serious.kind === 'quoted-set' && PATH_VARS.test(serious.variable);
  const keys: Record<LauncherProblem['kind'], [string, string]> = {
    'quoted-set': [pathOnly ? 'detailQuotedPath' : 'detailQuoted', 'fixQuoted'],
    'self-reference': ['detailSelfReference', 'fixSelfReference'],
    'spaces-around-equals': ['detailSpaces', 'fixSpaces'],
    'smart-quotes': ['detailSmartQuotes', 'fixSmartQuotes'],
  };
  const [detail, fix] = keys[serious.kind];
  return makeFinding(ctx.lang, {
    code: 'launcher-config-syntax',
    severity: pathOnly ? 'info' : 'warning',
    params: { var: serious.variable, value: serious.value, line: serious.line },
    detail: [{ key: detail }],
    fix: [{ key: fix }],
    evidence: problems.map((p) => p.line),
  });
};
