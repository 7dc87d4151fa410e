// `nvcc --version` output: the installed CUDA toolkit version (not the driver's maximum CUDA).
import { squashSpaces } from './text-lines.js';

/** The toolkit release ("12.4"), the full version ("V12.4.99") and the build tag when printed (CUDA 11+). */
export interface NvccVersion {
  version: string;
  full: string;
  build: string | null;
}

/** Parses `nvcc --version`; null without a "Cuda compilation tools, release X.Y" line (full is "VX.Y" if not printed). */
export function parseNvccVersion(text: string): NvccVersion | null {
  const flat = squashSpaces(text);
  const release = /Cuda compilation tools,\s*release\s+(\d+\.\d+)(?:,\s*(V\d+\.\d+(?:\.\d+)?))?/i.exec(flat);
  if (release?.[1] === undefined) return null;
  const build = /\bBuild\s+(cuda_\S+)/.exec(flat);
  return { version: release[1], full: release[2] ?? `V${release[1]}`, build: build?.[1] ?? null };
}
