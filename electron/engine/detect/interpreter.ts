import path from 'node:path';
import { exeNames, pathDirs, type DetectContext } from './detect-context.js';
import { firstFile, isDir } from './fs-safe.js';

/** The Python an install runs with, found from files only (no Python started). */
export interface Interpreter {
  path: string;
  /** How it was found: the launcher's VENV_DIR/PYTHON, a venv folder, an embedded/packaged Python. */
  source: 'launcher-venv' | 'launcher-python' | 'venv' | 'embedded' | 'package';
  /** The environment folder holding it (venv root, python_embeded, system/python), or null for a bare PYTHON=. */
  envRoot: string | null;
}

/** Environment folders relative to the install, in the order apps use them. */
const ENV_DIRS: readonly (readonly [string, Interpreter['source']])[] = [
  ['venv', 'venv'], ['.venv', 'venv'], ['python_embeded', 'embedded'], [path.join('..', 'python_embeded'), 'embedded'],
  [path.join('system', 'python'), 'package'], [path.join('..', 'system', 'python'), 'package'],
  ['python', 'embedded'], [path.join('installer_files', 'env'), 'venv'],
  // 秋叶 (aki) integrated package: its Python lives in py310\ (older releases: python\, above).
  ['py310', 'embedded'],
];

/** Python executables inside an environment folder: both Windows and Linux layouts, whatever the host. */
export function pythonCandidates(envRoot: string): string[] {
  return [
    path.join(envRoot, 'Scripts', 'python.exe'), path.join(envRoot, 'python.exe'),
    path.join(envRoot, 'bin', 'python'), path.join(envRoot, 'bin', 'python3'),
  ];
}

/** VENV_DIR / PYTHON as the launcher (webui-user.bat/.sh) sets them; empty when unset. */
export interface LauncherPython {
  venvDir?: string;
  python?: string;
}

/**
 * Finds the install's interpreter: the launcher's VENV_DIR (A1111/Forge: `-` means "no venv, use PYTHON"),
 * then venv/, .venv/, python_embeded/ (also the portable's, one level up), system/python/, python/, py310/ (aki); lastly PYTHON=.
 */
export async function findInterpreter(args: { dir: string; launcher: LauncherPython; ctx: DetectContext }): Promise<Interpreter | null> {
  const { dir, launcher, ctx } = args;
  const venvDir = launcher.venvDir?.trim();
  if (venvDir && venvDir !== '-') {
    const root = path.resolve(dir, venvDir);
    const found = await firstFile(pythonCandidates(root));
    if (found) return { path: found, source: 'launcher-venv', envRoot: root };
  }
  if (venvDir !== '-') {
    for (const [rel, source] of ENV_DIRS) {
      const root = path.resolve(dir, rel);
      if (!(await isDir(root))) continue;
      const found = await firstFile(pythonCandidates(root));
      if (found) return { path: found, source, envRoot: root };
    }
  }
  const python = launcher.python?.trim();
  if (python) {
    const resolved = await resolveProgram(python, dir, ctx);
    if (resolved) return { path: resolved, source: 'launcher-python', envRoot: envRootOf(resolved) };
  }
  return null;
}

/** The environment folder of a python executable (…/Scripts/python.exe → …; …/bin/python → …; python.exe → its folder). */
export function envRootOf(pythonPath: string): string {
  const parent = path.dirname(pythonPath);
  const base = path.basename(parent).toLowerCase();
  return base === 'scripts' || base === 'bin' ? path.dirname(parent) : parent;
}

/** A program given as a path (absolute or relative to the install) or a bare name searched on PATH. */
async function resolveProgram(program: string, dir: string, ctx: DetectContext): Promise<string | null> {
  if (/[\\/]/.test(program) || path.isAbsolute(program)) {
    const p = path.resolve(dir, program);
    return firstFile([p, ...(ctx.platform === 'windows' && !/\.exe$/i.test(p) ? [`${p}.exe`] : [])]);
  }
  const names = exeNames(program.replace(/\.exe$/i, ''), ctx.platform);
  return firstFile(pathDirs(ctx).flatMap((d) => names.map((n) => path.join(d, n))));
}
