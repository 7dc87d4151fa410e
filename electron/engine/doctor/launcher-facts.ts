import type { LauncherConfig } from '../../../shared/schemas/detect.js';
import { type LauncherConfigParse, type LauncherProblem, parseLauncherConfig } from '../parsers/launcher-config.js';
import type { FactLauncher } from './facts.js';

// Where pasted text holds launcher lines: set / export / $env: at the start of a line, a bare assignment of a
// variable A1111 reads, or an `export VAR=` written inside a sentence ("If I add export COMMANDLINE_ARGS=…").
const ASSIGNMENT = /^\s*(?:@?set\s|export\s|\$env:)/i;
const KNOWN_BARE = /^\s*(?:COMMANDLINE_ARGS|TORCH_COMMAND|XFORMERS_PACKAGE|TORCH_INDEX_URL|PYTHON|python_cmd|VENV_DIR|venv_dir|GIT)=/;
const INLINE_EXPORT = /(?:^|[\s;(])(export\s+[A-Za-z_]\w*=.*)$/;

/** The launcher lines of pasted text, each rewritten so that parseLauncherConfig reads it as an assignment. */
export function launcherLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (ASSIGNMENT.test(line)) out.push(line);
    else if (KNOWN_BARE.test(line)) out.push(`export ${line.trim()}`);
    else {
      const inline = INLINE_EXPORT.exec(line)?.[1];
      if (inline !== undefined) out.push(inline);
    }
  }
  return out;
}

/** Variables and problems of the webui-user.bat / .sh / PowerShell lines found anywhere in pasted text; null when none. */
export function launcherFromText(text: string): FactLauncher | null {
  const parsed = parseLauncherConfig(launcherLines(text).join('\n'));
  if (parsed.evidence.length === 0) return null;
  return { file: fileName(parsed), vars: parsed.vars, commandlineArgs: parsed.commandlineArgs, problems: parsed.problems };
}

/**
 * A detected launcher as the rules need it. Detection keeps only each problem's line, kind and message, so the
 * lines are parsed again for the variable, value and cause; a VENV_DIR set to its own name counts even without them.
 */
export function launcherFromInstall(launcher: LauncherConfig): FactLauncher {
  const flavour = /\.sh$/i.test(launcher.file) ? 'sh' : 'bat';
  const lines = (launcher.problems ?? []).map((p) => p.line);
  const venv = launcher.vars.VENV_DIR?.trim();
  if (venv !== undefined && /^%?VENV_DIR%?$/i.test(venv)) lines.push(flavour === 'bat' ? `set VENV_DIR=${venv}` : `VENV_DIR=${venv}`);
  const problems = lines.length === 0 ? [] : unique(parseLauncherConfig(lines.join('\n'), flavour).problems);
  return { file: launcher.file, vars: launcher.vars, commandlineArgs: launcher.commandlineArgs, problems };
}

function fileName(parsed: LauncherConfigParse): string {
  if (parsed.flavour === 'sh') return 'webui-user.sh';
  return parsed.evidence.every((line) => /^\$env:/i.test(line)) ? 'PowerShell' : 'webui-user.bat';
}

/** One problem per variable and cause. */
function unique(problems: readonly LauncherProblem[]): LauncherProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.cause}|${p.variable.toUpperCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
