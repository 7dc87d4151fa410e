import type { Platform } from '../../../shared/schemas/detect.js';
import { OFFICIAL_PYPI, OFFICIAL_TORCH_INDEX } from '../../../shared/sources/mirrors.js';

/*
 * The one place pip commands are built: the ones TorchLift shows (doctor fixes, recommendation cards, the wizard's
 * "what will run") and the ones it runs itself (torch-upgrade). A command always
 *   - runs the install's own interpreter (`<python> -m pip`, quoted for the platform's shell),
 *   - pins every package to an exact version (`torch==2.1.2+cu121`: the local tag keeps pip from taking a CPU build),
 *   - names where packages come from (an index URL, a find-links page or folder, or nothing but local files),
 * so the same argv is shown and run.
 */

/** One package pinned to an exact version ("2.1.2+cu121", "0.0.23.post1"). */
export interface PinnedPackage {
  name: string;
  version: string;
}

/** Where pip may look: a PEP 503 index (+ extra indexes), a find-links page, or only local files. */
export type PipSource =
  | { kind: 'index'; url: string; extraIndexUrls?: string[] }
  | { kind: 'find-links'; url: string; extraIndexUrls?: string[] }
  | { kind: 'local'; dirs: string[] };

/** Named arguments of buildPipInstall. */
export interface PipInstallRequest {
  /** The install's interpreter (venv\Scripts\python.exe, python_embeded\python.exe, venv/bin/python). */
  python: string;
  /** Whose shell the display form is for: cmd.exe on windows, a POSIX shell elsewhere. */
  platform: Platform;
  packages: PinnedPackage[];
  source: PipSource;
  /** Extra pip flags (e.g. --force-reinstall, --no-deps, --dry-run, --report -). */
  flags?: string[];
}

/** A pip command as arguments (run with execa, never a shell) and as text to show or copy. */
export interface PipCommand {
  /** The program: the install's interpreter. */
  file: string;
  /** Everything after the program: `-m pip install … `. */
  args: string[];
  /** The command as typed into the platform's shell, every argument quoted where needed. */
  display: string;
}

/** `<python> -m pip install <pins> <source>` — the only builder of pip install commands. */
export function buildPipInstall(req: PipInstallRequest): PipCommand {
  const specs = req.packages.map((p) => `${p.name}==${p.version}`);
  const args = ['-m', 'pip', 'install', ...(req.flags ?? []), ...specs, ...sourceArgs(req.source)];
  return { file: req.python, args, display: displayCommand([req.python, ...args], req.platform) };
}

/** `<python> -m pip uninstall -y <names>`. */
export function buildPipUninstall(req: { python: string; platform: Platform; names: string[] }): PipCommand {
  const args = ['-m', 'pip', 'uninstall', '-y', ...req.names];
  return { file: req.python, args, display: displayCommand([req.python, ...args], req.platform) };
}

function sourceArgs(source: PipSource): string[] {
  if (source.kind === 'local') return ['--no-index', ...source.dirs.flatMap((d) => ['--find-links', d])];
  const extra = (source.extraIndexUrls ?? []).flatMap((u) => ['--extra-index-url', u]);
  if (source.kind === 'index') return ['--index-url', source.url, ...extra];
  // A find-links mirror holds only the torch family: other packages come from the extra (PyPI) index.
  return extra.length > 0 ? ['--find-links', source.url, ...extra] : ['--find-links', source.url];
}

/** The PyTorch wheel index root: TORCHLIFT_TORCH_INDEX or download.pytorch.org/whl (no trailing slash). */
export function torchIndexBase(env: Record<string, string | undefined> = process.env): string {
  const forced = env.TORCHLIFT_TORCH_INDEX?.trim();
  return (forced !== undefined && forced !== '' ? forced : OFFICIAL_TORCH_INDEX).replace(/\/+$/, '');
}

/** The index of one build variant ("cu121" → …/whl/cu121). */
export function torchIndexUrl(variant: string, env?: Record<string, string | undefined>): string {
  return `${torchIndexBase(env)}/${variant}`;
}

/** The PyPI (or mirror) simple root: TORCHLIFT_PIP_INDEX or pypi.org/simple. */
export function pypiIndexUrl(env: Record<string, string | undefined> = process.env): string {
  const forced = env.TORCHLIFT_PIP_INDEX?.trim();
  return (forced !== undefined && forced !== '' ? forced : OFFICIAL_PYPI).replace(/\/+$/, '');
}

/**
 * One argument as typed in a shell, quoted whenever it holds more than `[\w.:/\\=+-]` (spaces, `&`, `(`, `'`, CJK…):
 * cmd.exe gets double quotes (a Windows path cannot hold `"`), a POSIX shell single quotes with `'\''` for a `'`.
 */
export function quoteArg(arg: string, platform: Platform): string {
  if (/^[\w.:/\\=+@,-]+$/.test(arg)) return arg;
  if (platform === 'windows') return `"${arg.replace(/"/g, '')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A whole command line as typed in the platform's shell: every argument through quoteArg, joined by spaces. */
export function displayCommand(argv: readonly string[], platform: Platform): string {
  return argv.map((a) => quoteArg(a, platform)).join(' ');
}

/** True when cmd.exe may still change an argument inside double quotes: `%NAME%` expands, `!` too with delayed expansion. */
export function cmdMayAlter(arg: string, platform: Platform): boolean {
  return platform === 'windows' && /[%!]/.test(arg);
}

/** The environment every pip TorchLift runs gets: no user/site pip.ini may redirect it, no version nag, no prompts. */
export function pipEnv(base: NodeJS.ProcessEnv, devNull: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PIP_CONFIG_FILE: devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1', PYTHONUTF8: '1', PYTHONIOENCODING: 'utf-8' };
  for (const k of Object.keys(env)) {
    if (/^PIP_(INDEX_URL|EXTRA_INDEX_URL|FIND_LINKS|NO_INDEX|TARGET|PREFIX|USER|REQUIRE_VIRTUALENV|CONSTRAINT|REQUIREMENT)$/i.test(k)) delete env[k];
  }
  return env;
}
