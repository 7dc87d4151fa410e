import type { Target } from '../../../shared/schemas/recommend.js';
import type { Candidate } from './evaluate.js';

/** The default PyTorch wheel index (CONTRACT.md; TORCHLIFT_TORCH_INDEX overrides it). */
export const DEFAULT_TORCH_INDEX = 'https://download.pytorch.org/whl';

/** "torch 2.9.1+cu130" — how a build is named in rejections and notes. */
export function targetLabel(c: Candidate): string {
  return `torch ${c.row.version}+${c.variant.tag}`;
}

/** An installable Target: pinned, local-tagged versions from the build's own index (`python -m pip` + pipCommand). */
export function buildTarget(c: Candidate, opts: { indexBase: string; withTorchaudio: boolean }): Target {
  const tag = c.variant.tag;
  const indexUrl = `${opts.indexBase.replace(/\/+$/, '')}/${tag}`;
  const torch = `${c.row.version}+${tag}`;
  const torchvision = c.row.torchvision === null ? null : `${c.row.torchvision}+${tag}`;
  const torchaudio = opts.withTorchaudio && c.row.torchaudio !== null ? `${c.row.torchaudio}+${tag}` : null;
  const xformers = c.xformers?.version ?? null;
  const pipCommand = ['install', `torch==${torch}`];
  if (torchvision !== null) pipCommand.push(`torchvision==${torchvision}`);
  if (torchaudio !== null) pipCommand.push(`torchaudio==${torchaudio}`);
  if (xformers !== null) pipCommand.push(`xformers==${xformers}`);
  pipCommand.push(c.row.indexOption, indexUrl);
  return {
    torch,
    torchvision,
    torchaudio,
    xformers,
    cudaTag: tag,
    cuda: c.variant.cuda,
    cudnn: c.variant.cudnn,
    minDriver: c.minDriver,
    indexUrl,
    pipCommand,
    unconfirmed: c.unconfirmed || torchvision === null,
  };
}
