import type { Platform } from '../../../shared/schemas/detect.js';
import { type PipCommand, type PinnedPackage, buildPipInstall, pypiIndexUrl, torchIndexUrl } from './pip.js';

/*
 * The torch-family commands TorchLift shows (doctor fixes, recommendation cards, the wizard) built on the one pip
 * builder: torch/torchvision/torchaudio pinned with their `+cuXXX` tag from that variant's index, xformers pinned
 * from the same index when PyTorch hosts it there (else PyPI, named explicitly), never an unpinned package.
 */

/** A torch build to install: versions as published ("2.1.2+cu121", "0.16.2+cu121", "0.0.23.post1"). */
export interface TorchBuildSpec {
  torch: string;
  torchvision?: string | null;
  torchaudio?: string | null;
  xformers?: string | null;
  /** xformers is published on the torch variant's index (xformers.json `onTorchIndex`). */
  xformersOnTorchIndex?: boolean;
  /** The CUDA variant ("cu121"); the index it comes from. */
  cudaTag: string;
}

/** Named arguments shared by the command builders. */
export interface CommandTarget {
  /** The install's own interpreter (venv\Scripts\python.exe, python_embeded\python.exe, venv/bin/python). */
  python: string;
  platform: Platform;
  env?: Record<string, string | undefined>;
}

/** "2.1.2" + "cu121" → "2.1.2+cu121"; a version that already has a local tag is kept. */
export function tagged(version: string, cudaTag: string): string {
  return version.includes('+') ? version : `${version}+${cudaTag}`;
}

/** `<python> -m pip install torch==…+cuXXX torchvision==…+cuXXX [torchaudio] [xformers==…] --index-url …/cuXXX`. */
export function torchInstallCommand(spec: TorchBuildSpec, at: CommandTarget, flags: string[] = []): PipCommand {
  const packages: PinnedPackage[] = [{ name: 'torch', version: tagged(spec.torch, spec.cudaTag) }];
  if (spec.torchvision) packages.push({ name: 'torchvision', version: tagged(spec.torchvision, spec.cudaTag) });
  if (spec.torchaudio) packages.push({ name: 'torchaudio', version: tagged(spec.torchaudio, spec.cudaTag) });
  if (spec.xformers) packages.push({ name: 'xformers', version: spec.xformers });
  const fromPypi = spec.xformers !== null && spec.xformers !== undefined && spec.xformersOnTorchIndex !== true;
  return buildPipInstall({
    python: at.python,
    platform: at.platform,
    packages,
    source: { kind: 'index', url: torchIndexUrl(spec.cudaTag, at.env), ...(fromPypi ? { extraIndexUrls: [pypiIndexUrl(at.env)] } : {}) },
    flags,
  });
}

/** `<python> -m pip install --no-deps xformers==X` from the torch variant's index (or PyPI when it is not there). */
export function xformersInstallCommand(version: string, cudaTag: string | null, onTorchIndex: boolean, at: CommandTarget): PipCommand {
  const url = onTorchIndex && cudaTag ? torchIndexUrl(cudaTag, at.env) : pypiIndexUrl(at.env);
  return buildPipInstall({ python: at.python, platform: at.platform, packages: [{ name: 'xformers', version }], source: { kind: 'index', url }, flags: ['--no-deps'] });
}
