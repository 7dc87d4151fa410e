// webui-user.bat / webui-user.sh (and PowerShell `$env:` lines): variables, COMMANDLINE_ARGS and config mistakes.
import { cleanLines } from './text-lines.js';
import { SMART_QUOTES, splitWords, unquoteCmd, unquoteShell, type Unquoted } from './shell-words.js';
import { parseLaunchLine, type LauncherLaunch } from './launcher-launches.js';

export type { LauncherLaunch } from './launcher-launches.js';

/** What exactly is wrong with a launcher line (`kind` groups these coarsely). */
export type LauncherProblemCause =
  | 'quoted-path' // set PYTHON="C:\…" (kind quoted-set)
  | 'quoted-value' // set TORCH_COMMAND="pip install …": cmd.exe keeps the quotes
  | 'quoted-args' // set COMMANDLINE_ARGS="--a --b": one single argument
  | 'self-reference' // VENV_DIR=VENV_DIR, %VENV_DIR%, $VENV_DIR
  | 'space-before-equals' // set VAR =value
  | 'trailing-spaces' // set GIT=C:\git.exe<spaces>
  | 'smart-quotes'; // “ ” instead of "

/** A line that will not do what its author meant. */
export interface LauncherProblem {
  line: string;
  kind: 'quoted-set' | 'self-reference' | 'other';
  cause: LauncherProblemCause;
  /** The variable's name as meant (spaces trimmed). */
  variable: string;
  /** The value as meant (quotes removed). */
  value: string;
  message: string;
}

/** Variables as the launcher would see them (quotes removed, earlier variables expanded), plus problems found. */
export interface LauncherConfigParse {
  flavour: 'bat' | 'sh';
  vars: Record<string, string>;
  /** COMMANDLINE_ARGS split like A1111 does (quotes group words; backslashes stay). */
  commandlineArgs: string[];
  problems: LauncherProblem[];
  /** The assignment lines used. */
  evidence: string[];
  /** Python invocations (e.g. ComfyUI portable's `.\python_embeded\python.exe -s ComfyUI\main.py ...`). */
  launches: LauncherLaunch[];
}

/** Variables whose values are paths that webui.bat wraps in its own quotes. */
const PATH_VARS = new Set(['PYTHON', 'GIT', 'VENV_DIR']);
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// Prompts in pasted text: "C:\sd>", "PS C:\sd>", "$ ".
const PROMPT = /^(?:PS\s+)?[A-Za-z]:\\[^>]*>\s*|^\$\s+/;

interface Assignment {
  name: string;
  raw: string;
  unquoted: Unquoted;
  style: 'cmd' | 'cmd-quoted-whole' | 'shell';
}

/** Parses a launcher config; `flavour` defaults to a guess from the text (bat when unsure). */
export function parseLauncherConfig(text: string, flavour?: 'bat' | 'sh'): LauncherConfigParse {
  const lines = cleanLines(text).map((line) => line.trimStart().replace(PROMPT, ''));
  const result: LauncherConfigParse = {
    flavour: flavour ?? guessFlavour(lines),
    vars: {},
    commandlineArgs: [],
    problems: [],
    evidence: [],
    launches: [],
  };
  for (const line of lines) {
    if (line.trim() === '' || /^(?:#|::|@?rem(?:\s|$))/i.test(line)) continue;
    const assignment = readAssignment(line, result.flavour);
    if (assignment !== null) applyAssignment(line, assignment, result);
    else {
      const launch = parseLaunchLine(line);
      if (launch !== null) result.launches.push(launch);
    }
  }
  result.commandlineArgs = splitWords(result.vars.COMMANDLINE_ARGS ?? '');
  return result;
}

function guessFlavour(lines: readonly string[]): 'bat' | 'sh' {
  let bat = 0;
  let sh = 0;
  for (const line of lines) {
    if (/^@?(?:set|call|setlocal|rem|echo\s+off)\b|^::|^\$env:|%\w+%/i.test(line)) bat++;
    if (/^(?:export\s|#!)|^[A-Za-z_]\w*=|\$\{?\w+\}?/.test(line)) sh++;
  }
  return sh > bat ? 'sh' : 'bat';
}

function readAssignment(line: string, flavour: 'bat' | 'sh'): Assignment | null {
  const setWhole = new RegExp(`^@?set\\s+"(${NAME})\\s*=(.*)"\\s*$`, 'i').exec(line);
  if (setWhole?.[1] !== undefined) {
    return { name: setWhole[1], raw: setWhole[2] ?? '', unquoted: { value: setWhole[2] ?? '', quoted: false }, style: 'cmd-quoted-whole' };
  }
  const set = new RegExp(`^@?set\\s+(?!/[aApP]\\b)(${NAME})(\\s*)=(.*)$`, 'i').exec(line);
  if (set?.[1] !== undefined) {
    const raw = (set[3] ?? '').trimEnd();
    const unquoted = unquoteCmd(raw.replace(SMART_QUOTES, '"'));
    // cmd.exe keeps the quotes; only path variables get the intended (unquoted) value, with a problem reported.
    const value = PATH_VARS.has(set[1].toUpperCase()) ? unquoted.value : raw;
    return { name: set[1] + (set[2] ?? ''), raw, unquoted: { value, quoted: unquoted.quoted }, style: 'cmd' };
  }
  const env = new RegExp(`^\\$env:(${NAME})\\s*=\\s*(.*)$`, 'i').exec(line);
  const shell = new RegExp(`^(?:export\\s+)${flavour === 'sh' ? '?' : ''}(${NAME})=(.*)$`).exec(line);
  const match = env ?? shell;
  if (match?.[1] === undefined) return null;
  return { name: match[1], raw: match[2] ?? '', unquoted: unquoteShell(match[2] ?? ''), style: 'shell' };
}

function applyAssignment(line: string, assignment: Assignment, result: LauncherConfigParse): void {
  const { raw, unquoted, style } = assignment;
  const name = assignment.name.trim();
  const meant = style === 'cmd' ? unquoteCmd(raw.replace(SMART_QUOTES, '"')).value : unquoted.value;
  const problem = (kind: LauncherProblem['kind'], cause: LauncherProblemCause, message: string): void => {
    result.problems.push({ line: line.trim(), kind, cause, variable: name, value: meant, message });
  };
  const pathVar = PATH_VARS.has(name.toUpperCase());
  if (assignment.name !== name) {
    problem('other', 'space-before-equals', `cmd.exe keeps the space before "=": this sets a variable named "${assignment.name}", not ${name}. Remove the space.`);
  }
  if (style === 'cmd' && pathVar && /[ \t]$/.test(line)) {
    problem('other', 'trailing-spaces', `cmd.exe keeps the trailing spaces after ${name}'s value, which breaks the path. Remove them.`);
  }
  if (/[“”„‟]/.test(raw)) {
    problem('other', 'smart-quotes', `The value of ${name} contains typographic quotes (“ ”); the shell treats them as ordinary characters. Use straight quotes (").`);
  }
  if (style === 'cmd' && unquoted.quoted && pathVar) {
    problem(
      'quoted-set',
      'quoted-path',
      `In cmd.exe, set ${name}="..." stores the quotes as part of the value, and webui.bat adds its own quotes around it, which breaks paths (especially ones with spaces). Write set "${name}=${unquoted.value}" instead.`,
    );
  }
  if (isSelfReference(name, unquoted.value)) {
    problem('self-reference', 'self-reference', `${name} is set to itself ("${unquoted.value}"), so it gets no real value (or a folder literally named ${name}). Give it the intended path, or leave it empty for the default.`);
  }
  const value = (style === 'shell' ? expandShell : expandCmd)(unquoted.value, withSelf(result.vars, name, style));
  if (style === 'cmd' && !pathVar && unquoted.quoted) {
    if (name.toUpperCase() !== 'COMMANDLINE_ARGS') {
      problem('other', 'quoted-value', `In cmd.exe, set ${name}="..." keeps the quotes as part of the value, so the program reading ${name} gets them too. Write set "${name}=${meant}" instead.`);
    } else if (/\s/.test(meant.trim())) {
      problem('other', 'quoted-args', 'The whole COMMANDLINE_ARGS value is in one pair of quotes, so A1111 reads it as a single argument. Remove the outer quotes.');
    }
  }
  result.vars[style === 'shell' ? name : canonicalCmdName(name, result.vars)] = value;
  result.evidence.push(line.trim());
}

/** cmd.exe names are case-insensitive: reuse the spelling already stored. */
function canonicalCmdName(name: string, vars: Record<string, string>): string {
  return Object.keys(vars).find((key) => key.toUpperCase() === name.toUpperCase()) ?? name;
}

function isSelfReference(name: string, value: string): boolean {
  const v = value.trim();
  const upper = name.toUpperCase();
  return v.toUpperCase() === upper || v.toUpperCase() === `%${upper}%` || v === `$${name}` || v === `\${${name}}`;
}

/** The variables visible to an assignment: a self-reference to a still-unset variable expands to empty. */
function withSelf(vars: Record<string, string>, name: string, style: Assignment['style']): Record<string, string> {
  const key = style === 'shell' ? name : canonicalCmdName(name, vars);
  return key in vars ? vars : { ...vars, [key]: '' };
}

/** The longest expanded value kept: `set A=%A%%A%` repeated would otherwise double the value on every line. */
const MAX_VALUE = 32 * 1024;

/** Expands %VAR% for variables set earlier in the file; unknown ones (environment, %~dp0) stay as written. */
function expandCmd(value: string, vars: Record<string, string>): string {
  const take = budget();
  return value.replace(/%([A-Za-z_][A-Za-z0-9_]*)%/g, (whole, name: string) => take(vars[canonicalCmdName(name, vars)] ?? whole)).slice(0, MAX_VALUE);
}

/** Expands $VAR / ${VAR} for variables set earlier in the file; unknown ones stay as written. */
function expandShell(value: string, vars: Record<string, string>): string {
  const take = budget();
  return value
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => take(vars[braced ?? bare ?? ''] ?? whole))
    .slice(0, MAX_VALUE);
}

/** Hands out at most MAX_VALUE characters of substitutions in all, so no expansion builds a huge string. */
function budget(): (text: string) => string {
  let left = MAX_VALUE;
  return (text) => {
    const out = text.slice(0, Math.max(0, left));
    left -= out.length;
    return out;
  };
}
