import type { FactLauncher } from './facts.js';

/** A launcher line that does not mean what it seems to. */
export interface LauncherProblem {
  kind: 'quoted-set' | 'self-reference' | 'spaces-around-equals' | 'smart-quotes';
  variable: string;
  value: string;
  line: string;
}

const BAT = /^\s*(?:@\s*)?set\s+("?)([A-Za-z_][\w]*)(\s*)=(\s*)(.*)$/i;
const SH = /(?:^|[\s;])(?<!#)export\s+([A-Za-z_]\w*)=(.*)$/;
const PS = /^\s*\$env:([A-Za-z_]\w*)\s*=\s*(.*)$/i;
const KNOWN_SH_BARE = /^\s*(COMMANDLINE_ARGS|TORCH_COMMAND|XFORMERS_PACKAGE|TORCH_INDEX_URL|PYTHON|python_cmd|VENV_DIR|venv_dir|GIT)=(.*)$/;

/** Variables set by webui-user.bat / .sh / PowerShell lines found anywhere in the text; null when there are none. */
export function extractLauncher(text: string): FactLauncher | null {
  const vars: Record<string, string> = {};
  let file: string | null = null;
  for (const line of text.split('\n')) {
    const bat = BAT.exec(line);
    const sh = bat ? null : (SH.exec(line) ?? KNOWN_SH_BARE.exec(line));
    const ps = bat || sh ? null : PS.exec(line);
    if (bat) {
      const value = bat[5] ?? '';
      vars[bat[2] ?? ''] = unquote(bat[1] === '"' ? value.replace(/"\s*$/, '') : value);
      file ??= 'webui-user.bat';
    } else if (sh) {
      vars[sh[1] ?? ''] = unquote(sh[2] ?? '');
      file ??= 'webui-user.sh';
    } else if (ps) {
      vars[ps[1] ?? ''] = unquote(ps[2] ?? '');
      file ??= 'PowerShell';
    }
  }
  if (file === null) return null;
  return { file, vars, commandlineArgs: splitArgs(vars.COMMANDLINE_ARGS ?? '') };
}

/** Lines whose syntax defeats their purpose (quoted `set VAR="…"`, `VENV_DIR=VENV_DIR`, `set VAR = x`, “smart quotes”). */
export function launcherProblems(text: string): LauncherProblem[] {
  const out: LauncherProblem[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bat = BAT.exec(line);
    const sh = bat ? null : SH.exec(line);
    const variable = bat?.[2] ?? sh?.[1];
    if (variable === undefined) continue;
    const value = bat?.[5] ?? sh?.[2] ?? '';
    const at = sh ? line.indexOf('export', sh.index) : 0;
    const shown = at > 0 ? line.slice(at) : line;
    if (/[“”‘’„]/.test(value)) out.push({ kind: 'smart-quotes', variable, value: unquote(value), line: shown });
    else if (bat && bat[1] === '' && (bat[3] !== '' || (bat[4] !== '' && value !== ''))) out.push({ kind: 'spaces-around-equals', variable, value: unquote(value), line: shown });
    else if (bat && bat[1] === '' && /^".*"$/.test(value.trim()) && value.trim().length > 2) out.push({ kind: 'quoted-set', variable, value: unquote(value), line: shown });
    const plain = unquote(value);
    if (/^VENV_DIR$/i.test(variable) && new RegExp(`^%?${variable}%?$`, 'i').test(plain)) out.push({ kind: 'self-reference', variable, value: plain, line: shown });
  }
  return out;
}

/** Removes one pair of surrounding ASCII or typographic quotes. */
export function unquote(value: string): string {
  const v = value.trim();
  const m = /^["'“‘](.*?)["'”’]?$/.exec(v);
  return (m ? (m[1] ?? '') : v).replace(/["”’]$/, '').trim();
}

/** Splits COMMANDLINE_ARGS like a shell would (quotes group words). */
export function splitArgs(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((a) => a !== '');
}
