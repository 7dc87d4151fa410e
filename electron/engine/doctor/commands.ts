import { gte as pepGte, valid as pepValid } from '@renovatebot/pep440';
import type { Platform } from '../../../shared/schemas/detect.js';

/** The PyTorch wheel index base: TORCHLIFT_TORCH_INDEX or download.pytorch.org/whl (no trailing slash). */
export function torchIndexBase(env: Record<string, string | undefined> = process.env): string {
  const forced = env.TORCHLIFT_TORCH_INDEX?.trim();
  return (forced !== undefined && forced !== '' ? forced : 'https://download.pytorch.org/whl').replace(/\/+$/, '');
}

/** The index URL for a CUDA tag ("cu121" → …/whl/cu121). */
export function torchIndexUrl(tag: string, env?: Record<string, string | undefined>): string {
  return `${torchIndexBase(env)}/${tag}`;
}

/** Named arguments of pipInstallCommand. */
export interface PipInstallArgs {
  /** The interpreter to run pip with, unquoted (default "python"). */
  python?: string;
  /** Whose shell the command is for: cmd.exe on windows, a POSIX shell elsewhere. */
  platform: Platform;
  packages: { name: string; version?: string | null }[];
  /** A CUDA tag ("cu121") when installing from the PyTorch index. */
  cudaTag?: string | null;
  torchVersion?: string | null;
  extraFlags?: string[];
  env?: Record<string, string | undefined>;
}

/**
 * A copy-pasteable pip command. torch/torchvision carry the `+cuXXX` local tag so pip replaces a CPU build of
 * the same version; torch ≥ 2.0 uses `--index-url`, 1.x `--extra-index-url` (facts.md §2).
 */
export function pipInstallCommand(args: PipInstallArgs): string {
  const python = args.python ?? 'python';
  const legacy = args.torchVersion ? isLegacyTorch(args.torchVersion) : false;
  const specs = args.packages.map((p) => {
    if (!p.version) return p.name;
    const local = args.cudaTag && (p.name === 'torch' || p.name === 'torchvision') ? `+${args.cudaTag}` : '';
    return `${p.name}==${stripLocal(p.version)}${local}`;
  });
  const index = args.cudaTag ? [legacy ? '--extra-index-url' : '--index-url', torchIndexUrl(args.cudaTag, args.env)] : [];
  return [quotePython(python, args.platform), '-m', 'pip', 'install', ...(args.extraFlags ?? []), ...specs, ...index].join(' ');
}

/**
 * The interpreter as typed in a shell, quoted whenever it holds more than `[\w.:/\\-]` (spaces, `&`, `(`, `'`, CJK…):
 * cmd.exe gets double quotes (a Windows path cannot hold `"`), a POSIX shell single quotes with `'\''` for a `'`.
 */
export function quotePython(python: string, platform: Platform): string {
  if (/^[\w.:/\\-]+$/.test(python)) return python;
  if (platform === 'windows') return `"${python.replace(/"/g, '')}"`;
  return `'${python.replace(/'/g, `'\\''`)}'`;
}

/** True when cmd.exe may still change the path inside double quotes: `%NAME%` expands, `!` too with delayed expansion. */
export function cmdMayAlter(python: string, platform: Platform): boolean {
  return platform === 'windows' && /[%!]/.test(python);
}

/** "2.1.2+cu121" → "2.1.2". */
export function stripLocal(version: string): string {
  return version.split('+')[0] ?? version;
}

function isLegacyTorch(version: string): boolean {
  const v = stripLocal(version);
  return pepValid(v) !== null && !pepGte(v, '2.0.0');
}
