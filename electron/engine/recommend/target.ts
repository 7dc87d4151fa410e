import type { Platform } from '../../../shared/schemas/detect.js';
import type { Target } from '../../../shared/schemas/recommend.js';
import { torchInstallCommand } from '../commands/torch-install.js';
import { type Candidate, doubt } from './evaluate.js';

/** "torch 2.9.1+cu130" — how a build is named in rejections and notes. */
export function targetLabel(c: Candidate): string {
  return `torch ${c.row.version}+${c.variant.tag}`;
}

/** Named arguments of buildTarget. */
export interface TargetOptions {
  /** The torch index root (TORCHLIFT_TORCH_INDEX or the official one). */
  indexBase: string;
  withTorchaudio: boolean;
  /** The install's interpreter, when the recommendation is for a known install: fills Target.command. */
  python?: string | null;
  /** The shell the `command` is quoted for (the install's platform); the argv does not depend on it. */
  platform?: Platform;
  env?: Record<string, string | undefined>;
}

/**
 * An installable Target: pinned, local-tagged versions from the build's own index. `pipCommand` (argv after
 * `-m pip`) and `command` come from the one builder (commands/torch-install.ts), so card and run agree.
 */
export function buildTarget(c: Candidate, opts: TargetOptions): Target {
  const tag = c.variant.tag;
  const env = { ...opts.env, TORCHLIFT_TORCH_INDEX: opts.indexBase };
  const torch = `${c.row.version}+${tag}`;
  const torchvision = c.row.torchvision === null ? null : `${c.row.torchvision}+${tag}`;
  const torchaudio = opts.withTorchaudio && c.row.torchaudio !== null ? `${c.row.torchaudio}+${tag}` : null;
  const xformers = c.xformers?.version ?? null;
  const xformersOnTorchIndex = c.xformers?.onTorchIndex ?? true;
  const spec = { torch, torchvision, torchaudio, xformers, xformersOnTorchIndex, cudaTag: tag };
  const platform = opts.platform ?? 'linux';
  const generic = torchInstallCommand(spec, { python: 'python', platform, env });
  const indexUrl = generic.args[generic.args.indexOf('--index-url') + 1] ?? '';
  const target: Target = {
    torch,
    torchvision,
    torchaudio,
    xformers,
    cudaTag: tag,
    cuda: c.variant.cuda,
    cudnn: c.variant.cudnn,
    minDriver: c.minDriver,
    indexUrl,
    pipCommand: generic.args.slice(2),
    unconfirmed: c.unconfirmed || torchvision === null,
    xformersOnTorchIndex,
  };
  const doubts = torchvision === null ? [...c.doubts, doubt('no-torchvision', { torch })] : c.doubts;
  if (target.unconfirmed) target.unconfirmedWhy = doubts;
  if (c.driverFit !== null) {
    target.driverFit = c.driverFit;
    target.recommendedDriver = c.minDriver;
  }
  if (opts.python) {
    const cmd = torchInstallCommand(spec, { python: opts.python, platform, env });
    target.command = { display: cmd.display, file: cmd.file, args: cmd.args };
  }
  return target;
}
