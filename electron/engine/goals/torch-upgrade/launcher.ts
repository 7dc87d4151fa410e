import type { LauncherChange } from '../../../../shared/schemas/torch-upgrade.js';

/*
 * A1111 / Forge launchers (`webui-user.bat`, `webui-user.sh`) name the torch and xformers the web UI installs when
 * they are missing (TORCH_COMMAND, XFORMERS_PACKAGE). After an upgrade they must name the new pins, or the next
 * `--reinstall-torch` (or a broken import) puts the old torch back. Pure text rewriting, line by line; every other
 * line (and the file's line endings) stays as it was.
 */

/** The values to write: TORCH_COMMAND as A1111 runs it (`python -m <value>`), XFORMERS_PACKAGE or null to leave. */
export interface LauncherPins {
  torchCommand: string;
  xformersPackage: string | null;
}

/** One launcher's new text and the changes in it, or null when nothing changes. */
export function rewriteLauncher(file: string, text: string, pins: LauncherPins): { text: string; changes: LauncherChange[] } | null {
  const bat = /\.(bat|cmd)$/i.test(file);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const changes: LauncherChange[] = [];
  const wanted: [string, string | null][] = [['TORCH_COMMAND', pins.torchCommand], ['XFORMERS_PACKAGE', pins.xformersPackage]];
  for (const [name, value] of wanted) {
    if (value === null) continue;
    const line = bat ? `set ${name}=${value}` : `export ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"`;
    const at = lines.findIndex((l) => assigns(l, name, bat));
    if (at >= 0) {
      const before = lines[at] ?? '';
      if (before.trim() === line) continue;
      lines[at] = line;
      changes.push({ file, variable: name, before: before.trim(), after: line });
      continue;
    }
    // Not set yet: add it before the line that starts the web UI (or after a commented-out example, or at the end).
    const commented = lines.findIndex((l) => assigns(l.replace(/^\s*(#|rem\s|::)\s*/i, ''), name, bat) && /^\s*(#|rem\s|::)/i.test(l));
    const start = lines.findIndex((l) => (bat ? /^\s*call\s+webui\.bat/i.test(l) : /^\s*(\.\/)?webui\.sh\b/.test(l)));
    const insertAt = commented >= 0 ? commented + 1 : start >= 0 ? start : lastContentLine(lines) + 1;
    lines.splice(insertAt, 0, line);
    changes.push({ file, variable: name, before: null, after: line });
  }
  if (changes.length === 0) return null;
  return { text: lines.join(eol), changes };
}

/** `--reinstall-torch` / `--reinstall-xformers` in COMMANDLINE_ARGS: they reinstall on every launch. */
export function reinstallFlags(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|rem\s|::)/i.test(line) || !/COMMANDLINE_ARGS/.test(line)) continue;
    for (const m of line.matchAll(/--reinstall-(torch|xformers)\b/g)) out.add(m[0]);
  }
  return [...out];
}

/** True when COMMANDLINE_ARGS asks for xformers (`--xformers`). */
export function wantsXformers(text: string): boolean {
  return text.split(/\r?\n/).some((l) => !/^\s*(#|rem\s|::)/i.test(l) && /COMMANDLINE_ARGS/.test(l) && /--xformers\b/.test(l));
}

function assigns(line: string, name: string, bat: boolean): boolean {
  if (bat) return new RegExp(`^\\s*set\\s+"?${name}\\s*=`, 'i').test(line);
  return new RegExp(`^\\s*(export\\s+)?${name}=`).test(line);
}

function lastContentLine(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i -= 1) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}
